import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../support/run-cli.ts';
import { writeK6JsonGz, type RequestSample } from '../support/k6-json-output.ts';

describe('auth0-harness report: rebuilds every output from out/raw', () => {
  const out = mkdtempSync(path.join(os.tmpdir(), 'report-'));
  let firstSummary: { checks: unknown[]; startedAt: string };
  before(async () => {
    const run = await runCli(['run', 'conformance', '--engine', 'local', '--out', out]);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    firstSummary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8'));
  });
  after(() => rmSync(out, { recursive: true, force: true }));

  it('writes the same summary again, and with a metrics file, the latency chart and its terminal sparklines', async () => {
    rmSync(path.join(out, 'summary.json'));
    rmSync(path.join(out, 'junit.xml'));
    // Ten seconds of token requests, latency climbing, as k6's --out json would have recorded them.
    const start = Date.parse(firstSummary.startedAt);
    const samples: RequestSample[] = [];
    for (let s = 0; s < 10; s++)
      for (let i = 0; i < 20; i++)
        samples.push({ at: start + s * 1000 + i * 50, endpoint: 'POST /oauth/token', durationMs: 10 + s * 5 + i / 10 });
    writeK6JsonGz(path.join(out, 'raw', 'metrics.ndjson.gz'), samples);

    const result = await runCli(['report', '--out', out]);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    const again = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8'));
    assert.deepEqual(again.checks, firstSummary.checks);
    assert.equal(again.startedAt, firstSummary.startedAt);
    assert.ok(existsSync(path.join(out, 'junit.xml')));
    assert.match(result.stdout, /POST \/oauth\/token\s+[▁▂▃▄▅▆▇█]{10}/);
    const page = readFileSync(path.join(out, 'latency.html'), 'utf8');
    assert.match(page, /<svg[^>]*>[\s\S]*POST \/oauth\/token[\s\S]*<polyline/);
    // No threshold judges conformance latency: it is charted, and is not an Allure test.
    const svgs = readdirSync(path.join(out, 'allure-results')).filter((f) => f.endsWith('-attachment.svg'));
    assert.equal(svgs.length, 0);
  });

  it('rebuilds a raw folder that k6 wrote itself (no run.json) from what the flags say', async () => {
    const bare = mkdtempSync(path.join(os.tmpdir(), 'report-k6-'));
    cpSync(path.join(out, 'raw'), path.join(bare, 'raw'), { recursive: true });
    rmSync(path.join(bare, 'raw', 'run.json'));
    const unnamed = await runCli(['report', '--out', bare]);
    assert.equal(unnamed.code, 2);
    assert.match(unnamed.stderr, /--suite: .* has no run\.json .*say which suite ran, e\.g\. --suite load/);
    const named = await runCli([
      'report',
      '--out',
      bare,
      '--suite',
      'conformance',
      '--target',
      'https://tenant.example',
      '--engine',
      'k6 v1.2.0 (k6-operator)',
    ]);
    const summary = JSON.parse(readFileSync(path.join(bare, 'summary.json'), 'utf8'));
    rmSync(bare, { recursive: true, force: true });
    assert.equal(named.code, 0, named.stdout + named.stderr);
    assert.deepEqual(
      [summary.suite, summary.target, summary.engine],
      ['conformance', 'https://tenant.example', 'k6 v1.2.0 (k6-operator)'],
    );
    assert.deepEqual(summary.checks, firstSummary.checks);
  });

  it('says what is missing when the folder holds no run', async () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), 'report-empty-'));
    const result = await runCli(['report', '--out', empty]);
    rmSync(empty, { recursive: true, force: true });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /has no raw\/ folder; give the output folder of an `auth0-harness run`/);
  });
});
