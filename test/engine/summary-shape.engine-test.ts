import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { runScript, startServer, WRITE_SUMMARY, type LoopbackServer, type ScriptRun } from './run-script.ts';

// The reference files are what a real k6 produced for reference-script.js (test/fixtures/k6-reference,
// whose README says how); the engine must produce the same shapes. The script below is that reference
// script with its synchronous http.get made asyncRequest (the engine's VUs share one event loop) and
// the group around a check only.
const REFERENCE = fileURLToPath(new URL('../fixtures/k6-reference/', import.meta.url));
const reference = (file: string) => readFileSync(path.join(REFERENCE, file), 'utf8');

function referenceScript(base: string, withHandleSummary: boolean): string {
  return `import http from 'k6/http';
import { check, group } from 'k6';
import { Trend, Counter, Rate, Gauge } from 'k6/metrics';
const tokenTime = new Trend('token_time', true);
const found = new Counter('found');
const okRate = new Rate('ok_rate');
const g = new Gauge('last_n');
export const options = {
  scenarios: {
    closed: { executor: 'per-vu-iterations', vus: 2, iterations: 3, exec: 'closed', tags: { kind: 'closed' } },
    open: { executor: 'constant-arrival-rate', rate: 10, timeUnit: '1s', duration: '2s', preAllocatedVUs: 2, maxVUs: 4, exec: 'open' },
  },
  thresholds: {
    'http_req_duration{name:home}': ['p(95)<500'],
    checks: ['rate>0.5'],
    token_time: ['avg<1000', 'max<2000'],
    ok_rate: ['rate>0.1'],
  },
};
export async function closed() {
  const r = await http.asyncRequest('GET', '${base}/home', null, { tags: { name: 'home' } });
  check(r, { 'status 200': (x) => x.status === 200, 'has n': (x) => x.json('n').length === 3 });
  tokenTime.add(r.timings.duration); found.add(1); okRate.add(r.status === 200); g.add(3);
}
export async function open() {
  const r = await http.asyncRequest('GET', '${base}/status/404');
  group('sync group', () => {
    check(r, { 'is 404': (x) => x.status === 404 });
  });
}
${withHandleSummary ? `export function handleSummary(data) { return { 'summary.json': JSON.stringify(data, null, 2), stdout: 'custom summary\\n' }; }` : ''}`;
}

/** The structure of a JSON value: object keys (sorted) and value types, recursively. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.length ? [shape(value[0])] : [];
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, shape((value as Record<string, unknown>)[k])]),
    );
  }
  return typeof value;
}

describe('summary and output shapes match real k6', () => {
  let server: LoopbackServer;
  let withSummary: ScriptRun;
  let withoutSummary: ScriptRun;
  before(async () => {
    server = await startServer();
    // Quiet: stdout then holds what handleSummary wrote, and nothing of the progress display.
    withSummary = await runScript(referenceScript(server.url, true), [
      '--quiet',
      '--out',
      'json=out/metrics.ndjson.gz',
    ]);
    withoutSummary = await runScript(referenceScript(server.url, false), [
      '--summary-export',
      'export/summary-export.json',
      '--out',
      'json=metrics.ndjson',
    ]);
  });
  after(() => server.close());

  it('handleSummary receives the data k6 passes, metric by metric', () => {
    assert.equal(withSummary.code, 0, withSummary.stderr);
    assert.equal(withSummary.stdout, 'custom summary\n');
    const expected = JSON.parse(reference('handle-summary-data.json'));
    const actual = withSummary.summary;
    assert.deepEqual(Object.keys(actual).sort(), Object.keys(expected).sort());
    assert.deepEqual(shape(actual.state), shape(expected.state));
    assert.deepEqual(actual.options, expected.options);
    // dropped_iterations appears when a busy machine drops some.
    const actualMetrics = Object.keys(actual.metrics)
      .filter((m) => m !== 'dropped_iterations')
      .sort();
    assert.deepEqual(actualMetrics, Object.keys(expected.metrics).sort());
    for (const name of actualMetrics)
      assert.deepEqual(shape(actual.metrics[name]), shape(expected.metrics[name]), name);
  });

  it('threshold results are keyed by their expression with { ok }', () => {
    const m = withSummary.summary.metrics;
    assert.deepEqual(m['http_req_duration{name:home}'].thresholds, { 'p(95)<500': { ok: true } });
    assert.deepEqual(m.token_time.thresholds, { 'avg<1000': { ok: true }, 'max<2000': { ok: true } });
  });

  it('counts what the script did: checks, groups, failed requests', () => {
    const { metrics, root_group } = withSummary.summary;
    const expected = JSON.parse(reference('handle-summary-data.json')).root_group;
    assert.equal(root_group.id, expected.id);
    assert.deepEqual(
      root_group.checks.map((c: any) => [c.name, c.path, c.id]),
      expected.checks.map((c: any) => [c.name, c.path, c.id]),
    );
    assert.deepEqual(
      root_group.groups.map((g: any) => [g.name, g.path, g.id, g.checks[0].id]),
      expected.groups.map((g: any) => [g.name, g.path, g.id, g.checks[0].id]),
    );
    assert.equal(metrics.http_req_failed.values.fails, 6, 'the six 200s are not failures');
    assert.ok(metrics.http_req_failed.values.passes >= 18, 'each 404 counts in http_req_failed');
    assert.equal(
      metrics['http_req_duration{expected_response:true}'].values.max,
      metrics['http_req_duration{name:home}'].values.max,
    );
  });

  it('--summary-export writes the legacy shape (thresholds true when crossed)', () => {
    assert.equal(withoutSummary.code, 0, withoutSummary.stderr);
    const expected = JSON.parse(reference('summary-export.json'));
    const actual = JSON.parse(readFileSync(path.join(withoutSummary.dir, 'export', 'summary-export.json'), 'utf8'));
    assert.deepEqual(shape(actual.root_group), shape(expected.root_group));
    for (const name of Object.keys(expected.metrics))
      assert.deepEqual(shape(actual.metrics[name]), shape(expected.metrics[name]), name);
    assert.deepEqual(actual.metrics.checks.thresholds, { 'rate>0.5': false });
  });

  it('without handleSummary, prints the end-of-test summary with the same metrics as k6', () => {
    const text = withoutSummary.stdout;
    const metricLine = /^\s+[✓✗]?\s*([a-z_]+)\.+:/gm;
    // dropped_iterations appears when a busy machine drops some.
    const printed = [...text.matchAll(metricLine)].map((m) => m[1]).filter((m) => m !== 'dropped_iterations');
    const expected = [...reference('end-of-test-summary.txt').matchAll(metricLine)].map((m) => m[1]);
    assert.deepEqual(printed.sort(), expected.sort());
    assert.match(text, /✓ status 200/);
    assert.match(text, /█ sync group/);
    assert.match(text, /✓ \{ name:home \}\.+: avg=/);
    assert.match(text, /running \(\d\dm\d\d\.\ds\), 0\/\d+ VUs, \d+ complete and 0 interrupted iterations/);
  });

  it("--out json writes Metric and Point records in k6's shape, gzip-compressed for .gz", () => {
    const plain = readFileSync(path.join(withoutSummary.dir, 'metrics.ndjson'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const gz = gunzipSync(readFileSync(path.join(withSummary.dir, 'out', 'metrics.ndjson.gz')))
      .toString('utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const ref = reference('out-json-head.ndjson')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    for (const records of [plain, gz]) {
      const refMetric = ref.find((r) => r.type === 'Metric' && r.metric === 'http_req_duration');
      const metric = records.find((r) => r.type === 'Metric' && r.metric === 'http_req_duration');
      assert.deepEqual(shape(metric), shape(refMetric));
      assert.deepEqual(
        metric.data.submetrics.map((s: any) => s.name).sort(),
        refMetric.data.submetrics.map((s: any) => s.name).sort(),
      );
      const refPoint = ref.find((r) => r.type === 'Point' && r.metric === 'http_reqs');
      const point = records.find(
        (r) => r.type === 'Point' && r.metric === 'http_reqs' && r.data.tags.scenario === 'closed',
      );
      assert.deepEqual(shape(point), shape(refPoint));
      // In k6's order too: Go writes a map's keys sorted.
      assert.deepEqual(Object.keys(point.data.tags), Object.keys(refPoint.data.tags));
      // k6 counts the bytes of a VU's connections and records them as an iteration ends, with its tags.
      const refSent = ref.find((r) => r.type === 'Point' && r.metric === 'data_sent');
      const sent = records.find(
        (r) => r.type === 'Point' && r.metric === 'data_sent' && r.data.tags.scenario === 'closed',
      );
      assert.deepEqual(sent.data.tags, refSent.data.tags);
      assert.ok(sent.data.value > 0);
      assert.match(point.data.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/);
      // Every Point follows its metric's Metric record.
      const announced = new Set<string>();
      for (const r of records) {
        if (r.type === 'Metric') announced.add(r.metric);
        else assert.ok(announced.has(r.metric), `Point of ${r.metric} before its Metric record`);
      }
    }
  });
});

describe("the summary's metric set is k6's", () => {
  let noRequests: ScriptRun;
  before(async () => {
    noRequests = await runScript(`export const options = { iterations: 2 };
export default async function () {}
${WRITE_SUMMARY}`);
  });

  it('data_sent and data_received are always there: a script without requests sent and received 0 bytes', () => {
    assert.equal(noRequests.code, 0, noRequests.stderr);
    for (const name of ['data_sent', 'data_received']) {
      assert.equal(noRequests.summary.metrics[name]?.type, 'counter', name);
      assert.equal(noRequests.summary.metrics[name].contains, 'data', name);
      assert.equal(noRequests.summary.metrics[name].values.count, 0, name);
    }
  });

  it('vus and vus_max are sampled every second, as k6 does: a run shorter than a second has neither', () => {
    assert.equal(noRequests.summary.metrics.vus, undefined);
    assert.equal(noRequests.summary.metrics.vus_max, undefined);
    assert.equal(noRequests.summary.metrics.iterations.values.count, 2);
  });
});
