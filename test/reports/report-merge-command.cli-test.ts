import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { FINDING_PREFIX } from '../../lib/k6-and-node/result-protocol.ts';
import { runCli } from '../support/run-cli.ts';
import { ENDPOINT, tokenRequests, writeRunnerRaw } from '../support/split-run-raw.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'report-merge-'));
after(() => rmSync(dir, { recursive: true, force: true }));

// Three runners' raw folders as k6-operator's pods leave them; the third saw two 503s, which its
// log tells as a finding.
const raws = ['0:1/3', '1/3:2/3', '2/3:1'].map((segment, i) => {
  const raw = path.join(dir, 'results', `auth0-load-${i + 1}`, 'raw');
  const samples = tokenRequests(30, i * 30, (n) => 5 + i * 10 + (n % 7));
  writeRunnerRaw(raw, {
    segment,
    samples: i === 2 ? samples.map((s, n) => (n < 2 ? { ...s, failed: true, status: 503 } : s)) : samples,
  });
  return raw;
});
const finding = {
  endpoint: ENDPOINT,
  credential: 'client_secret_post',
  checkId: 'token_response.status.is_200',
  message: 'expected HTTP 200, saw 503',
};
const logs = raws.map((raw, i) => {
  const log = path.join(path.dirname(raw), 'k6.log');
  const lines = [JSON.stringify({ level: 'info', msg: 'the run starts', time: '2026-11-27T10:00:00Z' })];
  if (i === 2) lines.push(JSON.stringify({ level: 'info', msg: FINDING_PREFIX + JSON.stringify(finding) }));
  writeFileSync(log, `${lines.join('\n')}\n`);
  return log;
});

describe('auth0-harness report --merge', () => {
  it("builds one report from the runners' raw folders, each runner's findings taken from its own k6 log", async () => {
    const out = path.join(dir, 'merged');
    const result = await runCli(['report', '--out', out, '--merge', ...raws, '--k6-log', ...logs]);
    assert.equal(result.code, 1, result.stdout + result.stderr);
    const summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8'));
    assert.equal(summary.endpoints[0].requests, 90);
    assert.deepEqual(
      summary.runners.map((r: { raw: string; segment: string }) => [r.raw, r.segment]),
      [
        [path.join('..', 'results', 'auth0-load-1', 'raw'), '0:1/3'],
        [path.join('..', 'results', 'auth0-load-2', 'raw'), '1/3:2/3'],
        [path.join('..', 'results', 'auth0-load-3', 'raw'), '2/3:1'],
      ],
    );
    const check = summary.checks.find((c: { id: string }) => c.id === finding.checkId);
    assert.deepEqual([check.passes, check.fails, check.message], [88, 2, finding.message]);
    // the finding went to the raw folder of the runner whose log it was in
    assert.match(readFileSync(path.join(raws[2], 'findings.ndjson'), 'utf8'), /saw 503/);
    assert.equal(readFileSync(path.join(raws[0], 'findings.ndjson'), 'utf8'), '');
    assert.ok(existsSync(path.join(out, 'junit.xml')) && existsSync(path.join(out, 'latency.html')));
    assert.match(result.stdout, /auth0-harness local engine \(3 runners, merged\)/);
    assert.match(result.stdout, /results\/auth0-load-3\/raw\s+2\/3:1\s+30\s+\+0\.0\s+12\.0\s+yes/);
  });

  it('wants one k6 log per raw folder, in order', async () => {
    const result = await runCli([
      'report',
      '--out',
      path.join(dir, 'x'),
      '--merge',
      ...raws,
      '--k6-log',
      ...logs.slice(1),
    ]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--k6-log: 2 log\(s\) for 3 --merge folders; give one log per runner/);
  });

  it("points at the raw folder when given a runner's output folder", async () => {
    const runnerOut = path.dirname(raws[0]);
    const result = await runCli(['report', '--out', path.join(dir, 'x'), '--merge', runnerOut, ...raws.slice(1)]);
    assert.equal(result.code, 2);
    assert.equal(
      result.stderr,
      `error: --merge: ${runnerOut} is a runner's output folder; give its raw folder, ${raws[0]}.\n`,
    );
  });

  it('says how to rebuild the output folder of a local split run, which holds runners and no raw/', async () => {
    const split = path.join(dir, 'split');
    writeRunnerRaw(path.join(split, 'runners', '1', 'raw'), { segment: '0:1', samples: tokenRequests(3, 0, () => 5) });
    const result = await runCli(['report', '--out', split]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /holds the runners of a split run; rebuild it with --merge .*split\/runners\/\*\/raw/);
  });
});
