import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { HarnessConfigInput } from '../../lib/k6-and-node/harness-config.ts';
import { FINDING_PREFIX } from '../../lib/k6-and-node/result-protocol.ts';
import { buildSummary } from '../../reports/build-summary.ts';
import { RAW_FINDINGS_FILE, readRawResults } from '../../reports/raw-results.ts';
import type { RunSummary } from '../../reports/run-summary.ts';
import { engineProcessCommand } from '../../engine/engine-process.ts';
import { repoRoot } from './run-cli.ts';

/**
 * Runs dist/conformance.js on the local engine's process exactly as `auth0-harness run` does (same
 * flags, same findings log) and builds summary.json's content from what it left, without the HTML reports: many
 * runs in one test stay affordable on a shared machine.
 */
export async function runConformanceBundle(config: HarnessConfigInput, dir: string): Promise<RunSummary> {
  const rawDir = path.join(dir, 'raw');
  mkdirSync(rawDir, { recursive: true });
  const configFile = path.join(dir, 'harness-config.json');
  writeFileSync(configFile, JSON.stringify(config), { mode: 0o600 });
  const findings: string[] = [];
  const startedAt = new Date();
  const engine = await engineProcessCommand();
  if (!engine) throw new Error('the engine bundle could not be written beside node_modules');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(
      engine.command,
      [
        ...engine.args,
        'run',
        '--log-format',
        'json',
        '-e',
        `HARNESS_CONFIG_FILE=${configFile}`,
        '-e',
        `HARNESS_OUT=${rawDir}`,
        path.join(repoRoot, 'dist', 'conformance.js'),
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let buffer = '';
    child.stderr.on('data', (chunk) => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        const msg = (() => {
          try {
            return (JSON.parse(line) as { msg?: string }).msg;
          } catch {
            return undefined;
          }
        })();
        if (msg?.startsWith(FINDING_PREFIX)) findings.push(msg.slice(FINDING_PREFIX.length));
      }
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 || code === 99 ? resolve() : reject(new Error(`the engine ended with exit code ${code}`)),
    );
  });
  writeFileSync(path.join(rawDir, RAW_FINDINGS_FILE), findings.map((f) => `${f}\n`).join(''));
  const profile = (config.profile ?? 'auth0') as 'auth0' | 'oidc';
  return buildSummary(
    {
      suite: 'conformance',
      target: config.baseUrl,
      engine: 'local',
      profile,
      startedAt,
      durationMs: Date.now() - startedAt.getTime(),
    },
    readRawResults(rawDir),
  );
}
