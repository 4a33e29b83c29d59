import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { ALLURE_HTML_ON, harnessBin, repoRoot, type CliResult } from '../support/run-cli.ts';

type Moment = 'tenant-up' | 'engine-running';

/**
 * Runs the conformance suite and sends `signal` to the runner (only to it, as a terminal's Ctrl-C
 * would, since the engine has its own process group) at a given moment: as soon as the tenant is up,
 * or once the engine is running (it has opened its JSON output, after installing its signal handler).
 */
function runAndInterrupt(out: string, signal: NodeJS.Signals, moment: Moment, html: boolean): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [harnessBin, 'run', 'conformance', '--engine', 'local', '--out', out], {
      cwd: repoRoot,
      env: { ...process.env, ...(html ? ALLURE_HTML_ON : {}) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let sent = false;
    const send = () => {
      if (sent) return;
      sent = true;
      child.kill(signal);
    };
    const poll = setInterval(() => {
      if (moment === 'engine-running' && existsSync(path.join(out, 'raw', 'metrics.ndjson.gz'))) send();
    }, 50);
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => {
      stderr += d;
      if (moment === 'tenant-up' && stderr.includes('tenant: local tenant on')) send();
    });
    child.on('close', (code) => {
      clearInterval(poll);
      resolve({ code, stdout, stderr });
    });
  });
}

/** `html`: the run was asked for the Allure HTML too (one run shows it is written; it costs a JVM). */
function expectIncompleteOutputs(out: string, result: CliResult, signal: string, html: boolean): void {
  assert.equal(result.code, 1, result.stdout + result.stderr);
  const summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8'));
  assert.equal(summary.ok, false);
  assert.match(summary.incomplete, new RegExp(`interrupted by ${signal}`));
  assert.match(result.stdout, new RegExp(`incomplete: interrupted by ${signal}`));
  assert.match(
    readFileSync(path.join(out, 'junit.xml'), 'utf8'),
    /<testcase classname="conformance\.run" name="run completed" time="[\d.]+">\s*<error message="the run did not complete: interrupted by/,
  );
  const results = readdirSync(path.join(out, 'allure-results')).filter((f) => f.endsWith('-result.json'));
  const run = results
    .map((f) => JSON.parse(readFileSync(path.join(out, 'allure-results', f), 'utf8')))
    .find((r) => r.name === 'run completed');
  assert.equal(run?.status, 'broken');
  if (html) assert.ok(existsSync(path.join(out, 'allure-report', 'index.html')));
}

describe('an interrupted run still writes every output, marked incomplete', () => {
  const work = mkdtempSync(path.join(os.tmpdir(), 'interrupted-'));
  after(() => rmSync(work, { recursive: true, force: true }));

  it('Ctrl-C while the engine runs: the engine gets it once, stops gracefully and writes its summary; every output follows, marked incomplete', async () => {
    const out = path.join(work, 'sigint');
    const result = await runAndInterrupt(out, 'SIGINT', 'engine-running', true);
    expectIncompleteOutputs(out, result, 'SIGINT', true);
    assert.match(result.stderr, /SIGINT received, stopping the test gracefully/);
    assert.doesNotMatch(result.stderr, /received again/, 'one Ctrl-C must reach the engine once, not twice');
    assert.ok(existsSync(path.join(out, 'raw', 'k6-summary.json')), "the engine's handleSummary ran");
  });

  it('SIGTERM before the engine runs: the runner survives it and still writes every output, saying why', async () => {
    const out = path.join(work, 'sigterm');
    expectIncompleteOutputs(out, await runAndInterrupt(out, 'SIGTERM', 'tenant-up', false), 'SIGTERM', false);
    // The cells the run never reached say so, never "not configured".
    const summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8'));
    const skipped = summary.matrix.filter((c: { status: string }) => c.status === 'skipped');
    assert.ok(skipped.length > 0);
    for (const cell of skipped)
      assert.match(cell.reason, /^not reached: the run did not complete \(interrupted by SIGTERM/);
  });
});
