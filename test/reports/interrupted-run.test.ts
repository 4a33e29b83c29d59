import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { harnessBin, repoRoot, type CliResult } from '../support/run-cli.ts';

/** Runs the conformance suite and sends `signal` as soon as the tenant is up (the engine starts next). */
function runAndInterrupt(out: string, signal: NodeJS.Signals): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [harnessBin, 'run', 'conformance', '--engine', 'local', '--out', out], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let sent = false;
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => {
      stderr += d;
      if (!sent && stderr.includes('tenant: local tenant on')) {
        sent = true;
        child.kill(signal);
      }
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('an interrupted run still writes every output, marked incomplete', () => {
  const work = mkdtempSync(path.join(os.tmpdir(), 'interrupted-'));
  after(() => rmSync(work, { recursive: true, force: true }));

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`on ${signal}: the runner survives it, exits 1 and writes summary, JUnit and Allure saying why`, async () => {
      const out = path.join(work, signal);
      const result = await runAndInterrupt(out, signal);
      assert.equal(result.code, 1, result.stdout + result.stderr);
      const summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8'));
      assert.equal(summary.ok, false);
      assert.match(summary.incomplete, new RegExp(`interrupted by ${signal}`));
      assert.match(result.stdout, new RegExp(`incomplete: interrupted by ${signal}`));
      assert.match(readFileSync(path.join(out, 'junit.xml'), 'utf8'), /<testcase classname="conformance" name="run completed"><error message="interrupted by/);
      const results = readdirSync(path.join(out, 'allure-results')).filter((f) => f.endsWith('-result.json'));
      const run = results.map((f) => JSON.parse(readFileSync(path.join(out, 'allure-results', f), 'utf8'))).find((r) => r.name === 'run completed');
      assert.equal(run?.status, 'broken');
      assert.ok(existsSync(path.join(out, 'allure-report', 'index.html')));
    });
  }
});
