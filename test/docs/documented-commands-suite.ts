import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ALLURE_HTML_ON } from '../support/run-cli.ts';
import { planBlock, type BlockPlan } from './documented-commands.ts';
import { codeBlocks, documentationPages } from './markdown-blocks.ts';
import { copyRepository, runCommand, startBackground, type BackgroundCommand } from './repository-copy.ts';

// Every command in a ```sh block of README.md and docs/ runs exactly as written, with its working
// directory in a fresh copy of the repository, and must exit as the page says (0 unless a doc-test
// note says otherwise; see documented-commands.ts). README's commands run first, and the guides then
// go on in the same checkout, one after the other, as a reader who followed README reads on: each
// finds what README (`npm start`) and the guides before it left, and the builds they made (a copy per
// guide built the CLI, the engine and the bundles again, some 5 CPU-seconds each). The pages below
// start from a fresh copy instead, each in a test file of its own, so that their long runs go side by
// side with the rest of the suite rather than after it.

/** Pages whose commands need nothing README's leave behind, each run by its own test file. */
export const PAGES_ON_THEIR_OWN = ['docs/load-and-rate-limits.md', 'docs/distributed.md'];

const COMMAND_TIMEOUT_MS = 300_000;
const READY_TIMEOUT_MS = 60_000;

export const plansOf = (page: string): BlockPlan[] => codeBlocks(page).map(planBlock);

/** README and the guides that follow it, in order: every page with commands not run on its own. */
export const pagesAfterReadme = (): string[] => documentationPages().filter((p) => !PAGES_ON_THEIR_OWN.includes(p));

/**
 * Runs the commands of `pages` in order. With README.md first, the others go on in its checkout;
 * otherwise each starts from a fresh copy of the repository.
 */
export function documentedCommandsOf(pages: string[]): void {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'harness-docs-'));
  const readmeCheckout = pages[0] === 'README.md' ? path.join(scratch, 'README') : undefined;
  // npx keeps what it resolves in npm's cache: a cache of the test's own keeps the reader's clean.
  const guideEnv: NodeJS.ProcessEnv = {
    ...process.env,
    npm_config_cache: path.join(scratch, 'npm-cache'),
    npm_config_update_notifier: 'false',
  };
  delete guideEnv.NODE_TEST_CONTEXT;
  // README's commands run as a newcomer runs them, with the Allure HTML that npm test otherwise
  // skips. The guides' runs go without it: a JVM start per run, and no guide command reads the HTML.
  const readmeEnv: NodeJS.ProcessEnv = { ...guideEnv, ...ALLURE_HTML_ON };

  before(() => {
    if (readmeCheckout) copyRepository(readmeCheckout);
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  for (const page of pages) {
    const blocks = plansOf(page).filter((p) => p.commands.length > 0);
    if (blocks.length === 0) continue;

    describe(`the commands of ${page}`, () => {
      const env = page === 'README.md' ? readmeEnv : guideEnv;
      const checkout = readmeCheckout ?? path.join(scratch, page.replace(/\W/g, '_'));
      const background: BackgroundCommand[] = [];
      before(() => {
        if (!readmeCheckout) copyRepository(checkout);
      });
      after(async () => {
        await Promise.all(background.map((b) => b.stop()));
      });

      for (const { block, commands } of blocks) {
        for (const plan of commands) {
          const name = `${page}:${block.line} ${plan.command}`;
          if (plan.kind === 'skip') {
            it(name, { skip: plan.reason }, () => {});
          } else if (plan.kind === 'background') {
            it(`${name} (in the background)`, async () => {
              background.push(await startBackground(plan.command, checkout, env, plan.readyText, READY_TIMEOUT_MS));
            });
          } else {
            it(`${name} exits ${plan.expectedExit}`, plan.pending ? { todo: plan.pending } : {}, async () => {
              const result = await runCommand(plan.command, checkout, env, COMMAND_TIMEOUT_MS);
              assert.equal(
                result.code,
                plan.expectedExit,
                `${plan.command} exited ${result.code}; it ended with:\n${result.output}`,
              );
            });
          }
        }
      }
    });
  }
}
