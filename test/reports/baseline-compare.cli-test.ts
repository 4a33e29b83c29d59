import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { compareWithBaseline, defaultTolerances, minimumRequests } from '../../reports/baseline-compare.ts';
import type { EndpointRow, RunSummary } from '../../reports/run-summary.ts';
import { runCli } from '../support/run-cli.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'baseline-'));

const token: EndpointRow = {
  endpoint: 'POST /oauth/token',
  requests: 6000,
  p50: 40,
  p95: 100,
  p99: 150,
  max: 300,
  errorRate: 0.01,
  rps: 100,
};
const jwks: EndpointRow = {
  endpoint: 'GET /.well-known/jwks.json',
  requests: 600,
  p50: 5,
  p95: 10,
  p99: 12,
  max: 20,
  errorRate: 0,
  rps: 10,
};

function summary(endpoints: EndpointRow[], extra: Partial<RunSummary> = {}): RunSummary {
  return {
    schemaVersion: 1,
    suite: 'load',
    target: 'local',
    engine: 'auth0-harness local engine',
    profile: 'auth0',
    startedAt: '2026-11-20T10:00:00.000Z',
    durationMs: 60000,
    ok: true,
    checks: [],
    matrix: [],
    endpoints,
    loadShape: { name: 'steady', rate: 100, duration: '60s' },
    ...extra,
  };
}

function file(name: string, s: RunSummary): string {
  const f = path.join(dir, name);
  writeFileSync(f, JSON.stringify(s));
  return f;
}

const baseline = file('baseline.json', summary([token, jwks]));

after(() => rmSync(dir, { recursive: true, force: true }));

describe('baseline compare', () => {
  it('fails (exit 1) on a 20 % p95 regression and names it in the table', async () => {
    const slower = file('p95-plus-20.json', summary([{ ...token, p95: 120 }, jwks]));
    const result = await runCli(['baseline', 'compare', baseline, slower]);
    assert.equal(result.code, 1, result.stdout + result.stderr);
    assert.match(result.stdout, /p95 ms\s+100\.00\s+120\.00\s+\+20\.0 %\s+10 %\s+✗ regressed/);
    assert.match(result.stdout, /REGRESSED: 1 metric/);
  });

  it('passes (exit 0) on a 5 % p95 regression', async () => {
    const bitSlower = file('p95-plus-5.json', summary([{ ...token, p95: 105 }, jwks]));
    const result = await runCli(['baseline', 'compare', baseline, bitSlower]);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /\+5\.0 %/);
    assert.match(result.stdout, /within tolerance/);
  });

  it('takes a tolerance per metric: p95=25 lets the 20 % through, errorRate=0 stops any new error', async () => {
    const slower = file('p95-plus-20b.json', summary([{ ...token, p95: 120 }, jwks]));
    assert.equal((await runCli(['baseline', 'compare', baseline, slower, '--tolerance', 'p95=25'])).code, 0);
    const erring = file('errors.json', summary([token, { ...jwks, errorRate: 0.001 }]));
    assert.equal(
      (await runCli(['baseline', 'compare', baseline, erring])).code,
      1,
      'a zero error rate that is no longer zero is past any relative tolerance',
    );
    assert.equal(
      (
        await runCli([
          'baseline',
          'compare',
          baseline,
          file('same.json', summary([token, jwks])),
          '--tolerance',
          'errorRate=0',
        ])
      ).code,
      0,
    );
  });

  it('refuses runs whose load shapes differ, with exit 2 and the reason', async () => {
    const other = file(
      'other-shape.json',
      summary([token, jwks], { loadShape: { name: 'steady', rate: 200, duration: '60s' } }),
    );
    const result = await runCli(['baseline', 'compare', baseline, other]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /cannot be compared with this run: the load shapes differ/);
    assert.doesNotMatch(result.stderr, /\n\s+at /);
  });

  it('answers a bad tolerance or a file that is not a summary with one sentence and exit 2', async () => {
    const bad = await runCli(['baseline', 'compare', baseline, baseline, '--tolerance', 'p97=5']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--tolerance: "p97" is not a metric; choose one of p50, p95, p99, errorRate, rps/);
    const notSummary = path.join(dir, 'not-summary.json');
    writeFileSync(notSummary, '{"hello":1}');
    const wrong = await runCli(['baseline', 'compare', notSummary, baseline]);
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /is not an auth0-harness summary.json/);
  });

  it('counts a lower rate and an endpoint no longer measured as regressions', () => {
    const tolerances = defaultTolerances();
    const fewer = compareWithBaseline(summary([token, jwks]), summary([{ ...token, rps: 85 }, jwks]), tolerances);
    assert.ok(fewer.comparable && fewer.regressed && fewer.changes.find((c) => c.regressed)?.metric === 'rps');
    const faster = compareWithBaseline(
      summary([token, jwks]),
      summary([{ ...token, p95: 50, rps: 130 }, jwks]),
      tolerances,
    );
    assert.ok(faster.comparable && !faster.regressed, 'getting faster or serving more is never a regression');
    const gone = compareWithBaseline(summary([token, jwks]), summary([token]), tolerances);
    assert.ok(gone.comparable && gone.regressed);
    assert.deepEqual(gone.comparable && gone.missing, ['GET /.well-known/jwks.json']);
  });

  it('treats a summary without loadShape (older) like a conformance run with none', () => {
    const old = summary([token]);
    delete old.loadShape;
    assert.equal(compareWithBaseline(old, summary([token], { loadShape: null }), defaultTolerances()).comparable, true);
    assert.equal(compareWithBaseline(old, summary([token]), defaultTolerances()).comparable, false);
  });

  it('compares a merged split run with a run of the whole load, and a runner only with the same segment', () => {
    const runners = [{ raw: 'runners/1/raw', segment: '0:1/2', engine: 'k6', startedAt: '', durationMs: 1 }];
    const merged = summary([token], { engine: 'k6 (2 runners, merged)', runners });
    const whole = summary([token]);
    const share = summary([{ ...token, requests: 3000, rps: 50 }], { segment: '0:1/2' });
    assert.equal(compareWithBaseline(whole, merged, defaultTolerances()).comparable, true);
    assert.deepEqual(compareWithBaseline(whole, share, defaultTolerances()), {
      comparable: false,
      reason:
        'the baseline ran the whole load and this run segment 0:1/2 of a split run; compare a runner with a baseline of the same segment, or a merged run with a whole one',
    });
    assert.equal(
      compareWithBaseline(share, summary([token], { segment: '0:1/2' }), defaultTolerances()).comparable,
      true,
    );
  });
});

describe('baseline sample rule', () => {
  it('a percentile from too few requests is "insufficient samples", not a regression, and the table says so', async () => {
    // The flake seen in the field: 2 requests per endpoint, and a p50 28 % "slower".
    const two = { ...token, requests: 2, p50: 40, p95: 60, p99: 60, errorRate: 0 };
    const before = file('two-samples-before.json', summary([two]));
    const after = file('two-samples-after.json', summary([{ ...two, p50: 51.2, p95: 80, p99: 80 }]));
    const result = await runCli(['baseline', 'compare', before, after]);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(
      result.stdout,
      /p50 ms\s+40\.00\s+51\.20\s+\+28\.0 %\s+10 %\s+· insufficient samples: 2 requests, p50 needs 20/,
    );
    assert.match(result.stdout, /within tolerance; 3 metric\(s\) not compared: insufficient samples/);
    assert.match(result.stdout, /note: no latency percentile had enough samples to be compared/);
  });

  it('needs 10 requests beyond each percentile, in both runs: p50 20, p95 200, p99 1000', () => {
    assert.deepEqual((['p50', 'p95', 'p99', 'errorRate', 'rps'] as const).map(minimumRequests), [20, 200, 1000, 1, 1]);
    const at = (requests: number, slower: number) =>
      compareWithBaseline(
        summary([{ ...token, requests }]),
        summary([{ ...token, requests, p50: 40 * slower, p95: 100 * slower, p99: 150 * slower }]),
        defaultTolerances(),
      );
    const regressed = (c: ReturnType<typeof at>) =>
      c.comparable ? c.changes.filter((m) => m.regressed).map((m) => m.metric) : [];
    assert.deepEqual(regressed(at(199, 1.5)), ['p50']);
    assert.deepEqual(regressed(at(200, 1.5)), ['p50', 'p95']);
    assert.deepEqual(regressed(at(1000, 1.5)), ['p50', 'p95', 'p99']);
    const fewerNow = compareWithBaseline(
      summary([token]),
      summary([{ ...token, requests: 150, p95: 150 }]),
      defaultTolerances(),
    );
    assert.ok(fewerNow.comparable && !fewerNow.regressed, 'the run with fewer requests sets the count');
    const errors = compareWithBaseline(
      summary([{ ...token, requests: 2, errorRate: 0 }]),
      summary([{ ...token, requests: 2, errorRate: 0.5 }]),
      defaultTolerances(),
    );
    assert.ok(errors.comparable && errors.regressed, 'a new error is counted, never estimated: always compared');
  });
});

describe('baseline save', () => {
  it('keeps a complete run and refuses an incomplete one', async () => {
    const to = path.join(dir, 'kept', 'load.json');
    const saved = await runCli(['baseline', 'save', '--from', baseline, '--to', to]);
    assert.equal(saved.code, 0, saved.stderr);
    assert.deepEqual(JSON.parse(readFileSync(to, 'utf8')), JSON.parse(readFileSync(baseline, 'utf8')));
    const partial = file('partial.json', summary([token], { incomplete: 'interrupted by SIGINT' }));
    const refused = await runCli(['baseline', 'save', '--from', partial, '--to', path.join(dir, 'x.json')]);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /is an incomplete run \(interrupted by SIGINT\)/);
  });

  it('saves a failed run, or one too short for a percentile, with a warning on stderr that says why', async () => {
    const failed = file(
      'failed.json',
      summary([{ ...token, requests: 150 }], {
        ok: false,
        checks: [
          {
            id: 'token_response.status.is_200',
            endpoint: 'POST /oauth/token',
            credential: 'client_secret_post',
            severity: 'failure',
            passes: 3,
            fails: 1,
            message: 'expected status 200, got 403',
          },
        ],
        thresholds: [{ metric: 'http_req_failed{endpoint:POST /oauth/token}', expression: 'rate<0.01', ok: false }],
      }),
    );
    const to = path.join(dir, 'kept', 'failed.json');
    const saved = await runCli(['baseline', 'save', '--from', failed, '--to', to]);
    assert.equal(saved.code, 0, saved.stderr);
    assert.deepEqual(JSON.parse(readFileSync(to, 'utf8')), JSON.parse(readFileSync(failed, 'utf8')));
    assert.match(
      saved.stderr,
      /warning: .*failed\.json is a failed run \(1 check\(s\) failed, 1 threshold\(s\) crossed\)/,
    );
    assert.match(
      saved.stderr,
      /warning: too few measured requests to compare these percentiles later: POST \/oauth\/token \(150: p95, p99\)/,
    );
    const good = await runCli(['baseline', 'save', '--from', baseline, '--to', path.join(dir, 'kept', 'good.json')]);
    assert.doesNotMatch(good.stderr, /is a failed run/);
  });

  it('saves where the docs say, and prints the --baseline that gates a later run on it, which works as written', async () => {
    const cwd = path.join(dir, 'project');
    mkdirSync(cwd);
    const load = ['run', 'load', '--mix', 'client_credentials_post=1', '--rate', '20', '--duration', '2s'];
    const relaxed = ['--threshold', 'p95<5000', '--threshold', 'p99<10000'];
    const first = await runCli([...load, ...relaxed], { cwd });
    assert.equal(first.code, 0, first.stdout + first.stderr);
    const saved = await runCli(['baseline', 'save'], { cwd });
    assert.equal(saved.code, 0, saved.stderr);
    assert.match(saved.stdout, /baseline: saved out\/summary\.json as baselines\/load-smoke\.json/);
    const gate = /gate a later run of the same shape on it with (--baseline \S+)/.exec(saved.stdout)?.[1];
    assert.equal(gate, '--baseline baselines/load-smoke.json');
    // The machine is shared: wide tolerances, as the point here is that the gate runs, not its verdict.
    const wide = [
      '--tolerance',
      'p50=1000',
      '--tolerance',
      'p95=1000',
      '--tolerance',
      'p99=1000',
      '--tolerance',
      'rps=50',
    ];
    const second = await runCli([...load, ...relaxed, ...gate!.split(' '), ...wide], { cwd });
    assert.equal(second.code, 0, second.stdout + second.stderr);
    assert.match(second.stdout, /baseline: load of .* -> this run of/);
    assert.match(second.stdout, /p95 ms .* insufficient samples: \d+ requests, p95 needs 200/);
    assert.match(second.stdout, /within tolerance/);
  });
});
