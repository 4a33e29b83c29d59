// The engine runs in a process of its own, started by `auth0-harness k6 run`. If that launcher is
// killed outright (SIGKILL: it cannot pass anything on), the engine must not carry on loading the
// target: it stops as on SIGTERM and still writes its summary.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { harnessBin } from '../support/run-cli.ts';

const GIVE_UP_MS = 30_000;

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  const until = Date.now() + GIVE_UP_MS;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`gave up waiting for ${what}`);
    await sleep(100);
  }
}

describe('the engine process when its launcher dies', () => {
  it('stops the run, writes the summary and exits', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'engine-orphan-'));
    writeFileSync(
      path.join(dir, 'script.js'),
      `export const options = { scenarios: { s: { executor: 'constant-vus', vus: 2, duration: '10m' } } };
const wait = (ms) => new Promise((r) => setTimeout(r, ms));
export default async function () { console.log('iterating'); await wait(50); }
export function handleSummary(data) { return { 'summary.json': JSON.stringify({ iterations: data.metrics.iterations.values.count }) }; }`,
    );
    const launcher = spawn(
      process.execPath,
      [harnessBin, 'k6', 'run', '--quiet', '--log-format', 'json', 'script.js'],
      { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    launcher.stderr.on('data', (d) => (stderr += d));
    await waitFor(() => stderr.includes('iterating'), 'the first iteration');
    // The engine is the launcher's child; find it before the launcher goes.
    const engine = Number(
      readFileSync(`/proc/${launcher.pid}/task/${launcher.pid}/children`, 'utf8').trim().split(' ')[0],
    );
    assert.ok(engine > 0, 'the engine process exists');
    launcher.kill('SIGKILL');
    await waitFor(
      () =>
        !existsSync(`/proc/${engine}`) || readFileSync(`/proc/${engine}/stat`, 'utf8').split(') ')[1].startsWith('Z'),
      'the engine to exit',
    );
    const summary = JSON.parse(readFileSync(path.join(dir, 'summary.json'), 'utf8'));
    assert.ok(summary.iterations > 0, 'handleSummary ran with what was measured');
  });
});
