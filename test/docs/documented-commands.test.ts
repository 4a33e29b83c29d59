import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ALLURE_HTML_ON } from '../support/run-cli.ts';
import { planBlock, type BlockPlan } from './documented-commands.ts';
import { codeBlocks, documentationPages } from './markdown-blocks.ts';
import {
  cloneCheckout,
  copyRepository,
  runCommand,
  startBackground,
  type BackgroundCommand,
} from './repository-copy.ts';

// Every command in a ```sh block of README.md and docs/ runs here exactly as written, with its
// working directory in a fresh copy of the repository, and must exit as the page says (0 unless a
// doc-test note says otherwise; see documented-commands.ts). README's commands run first; each page
// under docs/ then starts from a copy of where README left the reader (after `npm start`).

const COMMAND_TIMEOUT_MS = 300_000;
const READY_TIMEOUT_MS = 60_000;

const pages = documentationPages();
const plans = new Map<string, BlockPlan[]>(pages.map((page) => [page, codeBlocks(page).map(planBlock)]));
const scratch = mkdtempSync(path.join(os.tmpdir(), 'harness-docs-'));
const readmeCheckout = path.join(scratch, 'README');

// npx keeps what it resolves in npm's cache: a cache of the test's own keeps the reader's clean.
const env: NodeJS.ProcessEnv = {
  ...process.env,
  // As a user runs them: with the HTML report the test suite otherwise skips.
  ...ALLURE_HTML_ON,
  npm_config_cache: path.join(scratch, 'npm-cache'),
  npm_config_update_notifier: 'false',
};
delete env.NODE_TEST_CONTEXT;

before(() => copyRepository(readmeCheckout));
after(() => rmSync(scratch, { recursive: true, force: true }));

it('every shell block is marked sh and every doc-test note is one the test knows', () => {
  const problems = [...plans.values()].flat().flatMap((p) => p.problems);
  assert.deepEqual(problems, []);
});

for (const page of pages) {
  const blocks = plans.get(page)!.filter((p) => p.commands.length > 0);
  if (blocks.length === 0) continue;

  describe(`the commands of ${page}`, () => {
    const checkout = page === 'README.md' ? readmeCheckout : path.join(scratch, page.replace(/\W/g, '_'));
    const background: BackgroundCommand[] = [];
    before(() => {
      if (checkout !== readmeCheckout) cloneCheckout(readmeCheckout, checkout);
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
