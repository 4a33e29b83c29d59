import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startServer, type LoopbackServer } from '../engine/run-script.ts';
import { runCli, type CliResult } from '../support/run-cli.ts';
import { startPrometheus, waitFor, type RunningPrometheus } from '../support/start-prometheus.ts';

// A short load on a loopback server, written to a real Prometheus by `--out experimental-prometheus-rw`;
// what Prometheus then answers must agree with the run's own summary.
const SCRIPT = `import http from 'k6/http';
import { check } from 'k6';
export const options = {
  scenarios: {
    ok: { executor: 'shared-iterations', vus: 4, iterations: 120, exec: 'ok' },
    limited: { executor: 'shared-iterations', vus: 1, iterations: 15, exec: 'limited' },
  },
  summaryTrendStats: ['avg', 'p(99)', 'count'],
  // Submetrics make the summary report the figures per endpoint and status.
  thresholds: { 'http_req_duration{endpoint:GET /a}': ['max>=0'], 'http_reqs{status:429}': ['count>=0'] },
};
export async function ok() {
  const r = await http.asyncRequest('GET', __ENV.BASE + '/a', null, { tags: { endpoint: 'GET /a' } });
  check(r, { 'status is 200': (x) => x.status === 200 });
}
export async function limited() {
  const r = await http.asyncRequest('GET', __ENV.BASE + '/status/429', null, { tags: { endpoint: 'GET /limited' } });
  check(r, { 'status is 200': (x) => x.status === 200 });
}
export function handleSummary(data) { return { 'summary.json': JSON.stringify(data) }; }
`;

interface Run {
  result: CliResult;
  summary: any;
  dir: string;
}

async function runWithRemoteWrite(base: string, testid: string, env: Record<string, string>): Promise<Run> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'remote-write-e2e-'));
  writeFileSync(path.join(dir, 'script.js'), SCRIPT);
  const result = await runCli(
    [
      'k6',
      'run',
      '--quiet',
      '--out',
      'experimental-prometheus-rw',
      '--out',
      'json=metrics.ndjson',
      '--tag',
      `testid=${testid}`,
      '-e',
      `BASE=${base}`,
      'script.js',
    ],
    { cwd: dir, env },
  );
  assert.equal(result.code, 0, result.stderr);
  return { result, summary: JSON.parse(readFileSync(path.join(dir, 'summary.json'), 'utf8')), dir };
}

describe('--out experimental-prometheus-rw into a real Prometheus', () => {
  let prometheus: RunningPrometheus;
  let server: LoopbackServer;
  let stats: Run;
  let native: Run;

  before(async () => {
    [prometheus, server] = await Promise.all([startPrometheus(), startServer()]);
    const env = { K6_PROMETHEUS_RW_SERVER_URL: prometheus.writeUrl, K6_PROMETHEUS_RW_PUSH_INTERVAL: '1s' };
    stats = await runWithRemoteWrite(server.url, 'stats', { ...env, K6_PROMETHEUS_RW_TREND_STATS: 'p(95),p(99)' });
    native = await runWithRemoteWrite(server.url, 'native', {
      ...env,
      K6_PROMETHEUS_RW_TREND_AS_NATIVE_HISTOGRAM: 'true',
    });
  });
  after(async () => {
    await Promise.all([prometheus?.close(), server?.close()]);
  });

  /** The single value of an instant query, once its series has arrived. */
  const scalar = (promql: string) =>
    waitFor(`${promql} in Prometheus`, async () => {
      const result = await prometheus.query(promql);
      return result.length === 1 ? result[0].value : undefined;
    });

  it('counts every request the run counted, and the 429s among them', async () => {
    const { metrics } = stats.summary;
    assert.equal(await scalar('sum(k6_http_reqs_total{testid="stats"})'), metrics.http_reqs.values.count);
    assert.equal(await scalar('sum(k6_http_reqs_total{testid="stats",status="429"})'), 15);
    assert.equal(metrics['http_reqs{status:429}'].values.count, 15);
  });

  it("writes an endpoint's p99 latency in seconds, equal to the summary's", async () => {
    const p99 = await scalar('k6_http_req_duration_p99{testid="stats",endpoint="GET /a"}');
    const expected = stats.summary.metrics['http_req_duration{endpoint:GET /a}'].values['p(99)'];
    assert.ok(Math.abs(p99 * 1000 - expected) < 1e-9, `Prometheus ${p99 * 1000} ms, summary ${expected} ms`);
  });

  it('writes each check as its pass rate', async () => {
    const rates = await waitFor('k6_checks_rate', async () => {
      const r = await prometheus.query('k6_checks_rate{testid="stats"}');
      return r.length === 2 ? r : undefined;
    });
    assert.deepEqual(
      Object.fromEntries(rates.map((r) => [r.metric.scenario, r.value])),
      { ok: 1, limited: 0 },
      'the 200s passed, the 429s failed',
    );
  });

  it("writes native histograms whose count and sum are the summary's, and whose p99 falls within a bucket", async () => {
    const values = native.summary.metrics['http_req_duration{endpoint:GET /a}'].values;
    const series = 'k6_http_req_duration_seconds{testid="native",endpoint="GET /a"}';
    assert.equal(await scalar(`histogram_count(${series})`), values.count);
    const sum = await scalar(`histogram_sum(${series})`);
    assert.ok(Math.abs(sum * 1000 - values.avg * values.count) < 1e-6, `sum ${sum * 1000} ms`);
    const p99 = (await scalar(`histogram_quantile(0.99, ${series})`)) * 1000;
    // A schema-3 bucket spans 9 %: the estimate lies in the bucket of the true value.
    assert.ok(Math.abs(p99 - values['p(99)']) / values['p(99)'] < 0.1, `p99 ${p99} vs ${values['p(99)']} ms`);
  });

  it('feeds the JSON output alongside: every output gets every sample', () => {
    const points = readFileSync(path.join(native.dir, 'metrics.ndjson'), 'utf8')
      .split('\n')
      .filter((line) => line.includes('"type":"Point"') && line.includes('"metric":"http_reqs"'));
    assert.equal(points.length, native.summary.metrics.http_reqs.values.count);
  });

  it('refuses a bad K6_PROMETHEUS_RW_* setting before the test starts, exit 104', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'remote-write-e2e-'));
    writeFileSync(path.join(dir, 'script.js'), SCRIPT);
    const run = await runCli(['k6', 'run', '--out', 'experimental-prometheus-rw', 'script.js'], {
      cwd: dir,
      env: { K6_PROMETHEUS_RW_TREND_STATS: 'p95' },
    });
    assert.equal(run.code, 104);
    assert.match(run.stderr, /error: K6_PROMETHEUS_RW_TREND_STATS: "p95" is not a trend statistic/);
    assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
  });
});
