import assert from 'node:assert/strict';
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { LogLevel } from '../../engine/logger.ts';
import { MetricRegistry } from '../../engine/metrics/registry.ts';
import { Sink } from '../../engine/metrics/sink.ts';
import { remoteWriteConfig } from '../../engine/output/prometheus-remote-write-config.ts';
import { bucketKey } from '../../engine/output/prometheus-remote-write-native-histogram.ts';
import {
  decodeWriteRequest,
  type NativeHistogram,
  type TimeSeries,
} from '../../engine/output/prometheus-remote-write-schema.ts';
import { remoteWriteNames } from '../../engine/output/prometheus-remote-write-series.ts';
import { PrometheusRemoteWriteOutput } from '../../engine/output/prometheus-remote-write.ts';

interface Push {
  headers: http.IncomingHttpHeaders;
  series: TimeSeries[];
}

/** A remote-write endpoint on loopback that keeps every push, decoded with the output's own schema. */
class Receiver {
  readonly pushes: Push[] = [];
  status = 204;
  private readonly server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      this.pushes.push({ headers: req.headers, series: decodeWriteRequest(Buffer.concat(chunks)).timeseries });
      res.statusCode = this.status;
      res.end(this.status < 300 ? '' : 'out of order sample');
      this.server.emit('push');
    });
  });
  url = '';

  async start(): Promise<void> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/v1/write`;
  }

  /** Resolves at the next push. */
  nextPush(): Promise<Push> {
    return once(this.server, 'push').then(() => this.pushes[this.pushes.length - 1]);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

function registryWithBuiltins(): MetricRegistry {
  const registry = new MetricRegistry();
  registry.define('http_reqs', 'counter');
  registry.define('vus', 'gauge');
  registry.define('checks', 'rate');
  registry.define('http_req_duration', 'trend', 'time');
  registry.define('data_received', 'counter', 'data');
  return registry;
}

function output(registry: MetricRegistry, env: Record<string, string>, logs: string[] = []) {
  const log = (level: LogLevel, message: string) => logs.push(`${level}: ${message}`);
  return new PrometheusRemoteWriteOutput(remoteWriteConfig(env), registry, log);
}

const nameOf = (ts: TimeSeries) => ts.labels.find((l) => l.name === '__name__')?.value;
const byName = (series: TimeSeries[], name: string) => series.filter((ts) => nameOf(ts) === name);
const value = (ts: TimeSeries) => ts.samples?.[0].value;

/** A native histogram's buckets back as key → count. */
function buckets(h: NativeHistogram): Map<number, number> {
  const out = new Map<number, number>();
  let key = 0;
  let count = 0;
  let d = 0;
  (h.positiveSpans ?? []).forEach((span, i) => {
    key = i === 0 ? span.offset : key + 1 + span.offset;
    for (let j = 0; j < span.length; j++, d++) {
      if (j > 0) key++;
      count += h.positiveDeltas[d];
      out.set(key, count);
    }
  });
  return out;
}

describe('Prometheus remote-write payload', () => {
  const receiver = new Receiver();
  before(() => receiver.start());
  after(() => receiver.close());

  it("writes k6's series names and labels, with cumulative values, as a snappy protobuf WriteRequest", async () => {
    const registry = registryWithBuiltins();
    const out = output(registry, {
      K6_PROMETHEUS_RW_SERVER_URL: receiver.url,
      K6_PROMETHEUS_RW_TREND_STATS: 'p(95),p(99),p(99.9),avg,min,max,med,count,sum',
      K6_PROMETHEUS_RW_PUSH_INTERVAL: '1h',
    });
    const tags = { status: '200', method: 'GET', endpoint: 'GET /a', group: '', scenario: 'default' };
    const durations = [12, 30, 7.5, 250];
    for (const ms of durations) {
      const t = { ...tags };
      registry.add('http_reqs', 1, t);
      registry.add('http_req_duration', ms, t);
      registry.add('data_received', 100, t);
    }
    registry.add('http_reqs', 1, { ...tags, status: '429' });
    registry.add('vus', 3, {});
    registry.add('vus', 5, {});
    for (const ok of [1, 1, 0, 1]) registry.add('checks', ok, { check: 'status is 200' });
    const pushed = receiver.nextPush();
    await out.close();
    const { headers, series } = await pushed;

    assert.equal(headers['content-encoding'], 'snappy');
    assert.equal(headers['content-type'], 'application/x-protobuf');
    assert.equal(headers['x-prometheus-remote-write-version'], '0.1.0');
    assert.equal(headers['user-agent'], 'k6-prometheus-rw-output');

    const reqs = byName(series, 'k6_http_reqs_total');
    assert.deepEqual(reqs.map(value).sort(), [1, 4]);
    const ok = reqs.find((ts) => ts.labels.some((l) => l.name === 'status' && l.value === '200')) as TimeSeries;
    assert.deepEqual(
      ok.labels.map((l) => l.name),
      ['__name__', 'endpoint', 'method', 'scenario', 'status'],
      'labels sorted by name, the empty group tag left out',
    );
    assert.equal(value(byName(series, 'k6_data_received_total')[0]), 400, 'data stays in bytes');
    assert.equal(value(byName(series, 'k6_vus')[0]), 5, "a gauge's last value");
    assert.equal(value(byName(series, 'k6_checks_rate')[0]), 0.75, "a rate's share of non-zero samples");

    const sink = new Sink('trend');
    for (const ms of durations) sink.add(ms);
    const stat = (name: string) => value(byName(series, `k6_http_req_duration_${name}`)[0]);
    assert.equal(stat('p95'), sink.percentile(95) / 1000, 'time trends in seconds');
    assert.equal(stat('p99'), sink.percentile(99) / 1000);
    assert.equal(stat('p999'), sink.percentile(99.9) / 1000, 'p(99.9) is written p999');
    assert.equal(stat('avg'), (12 + 30 + 7.5 + 250) / 4 / 1000);
    assert.equal(stat('min'), 0.0075);
    assert.equal(stat('max'), 0.25);
    assert.equal(stat('med'), sink.percentile(50) / 1000);
    assert.equal(stat('sum'), 0.2995);
    assert.equal(stat('count'), 4 / 1000, 'k6 converts a time trend’s count to “seconds” too');
    const timestamps = series.map((ts) => ts.samples?.[0].timestamp as number);
    assert.ok(
      timestamps.every((t) => Math.abs(t - Date.now()) < 60_000),
      'each sample stamped with its time in ms',
    );
  });

  it('keeps one series per set of labels, whatever order its tags were set in', async () => {
    const registry = registryWithBuiltins();
    const out = output(registry, { K6_PROMETHEUS_RW_SERVER_URL: receiver.url });
    registry.add('http_reqs', 1, { method: 'GET', status: '200' });
    registry.add('http_reqs', 1, { status: '200', method: 'GET' });
    registry.add('http_reqs', 1, { status: '200', method: 'GET', extra: '' });
    const pushed = receiver.nextPush();
    await out.close();
    const series = (await pushed).series;
    assert.equal(series.length, 1, 'Prometheus refuses two samples of one series at one time');
    assert.equal(value(series[0]), 3, 'an empty tag is no label');
  });

  it('sends only the series that changed since the previous push', async () => {
    const registry = registryWithBuiltins();
    const out = output(registry, { K6_PROMETHEUS_RW_SERVER_URL: receiver.url, K6_PROMETHEUS_RW_PUSH_INTERVAL: '50' });
    registry.add('http_reqs', 1, { status: '200' });
    registry.add('vus', 1, {});
    const first = await receiver.nextPush();
    assert.deepEqual(first.series.map(nameOf).sort(), ['k6_http_reqs_total', 'k6_vus']);
    // The push came an interval after the first samples, so this one is a later millisecond: a new sample.
    registry.add('http_reqs', 1, { status: '200' });
    const second = await receiver.nextPush();
    await out.close();
    assert.deepEqual(second.series.map(nameOf), ['k6_http_reqs_total']);
    assert.equal(value(second.series[0]), 2, 'the running total');
  });

  it('maps a trend to one native histogram in seconds when asked, with exponential buckets of schema 3', async () => {
    const registry = registryWithBuiltins();
    const out = output(registry, {
      K6_PROMETHEUS_RW_SERVER_URL: receiver.url,
      K6_PROMETHEUS_RW_TREND_AS_NATIVE_HISTOGRAM: 'true',
    });
    const durations = [1, 2, 3, 3.1, 100, 250];
    for (const ms of durations) registry.add('http_req_duration', ms, { endpoint: 'GET /a' });
    const pushed = receiver.nextPush();
    await out.close();
    const [series] = byName((await pushed).series, 'k6_http_req_duration_seconds');
    const h = (series.histograms as NativeHistogram[])[0];
    assert.equal(h.schema, 3);
    assert.equal(h.countInt, durations.length);
    assert.ok(Math.abs(h.sum - 0.3591) < 1e-12, `sum ${h.sum}`);
    const expected = new Map<number, number>();
    for (const ms of durations) {
      // Bucket k holds (2^((k-1)/8), 2^(k/8)]: k = ceil(8·log2 v), for values off the bounds.
      const key = Math.ceil(8 * Math.log2(ms / 1000));
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    assert.deepEqual(
      [...buckets(h)].sort((a, b) => a[0] - b[0]),
      [...expected].sort((a, b) => a[0] - b[0]),
    );
  });

  it('puts a power of two at the top of its bucket, as Prometheus bounds are inclusive above', () => {
    assert.equal(bucketKey(1), 0);
    assert.equal(bucketKey(2), 8);
    assert.equal(bucketKey(0.5), -8);
    assert.equal(bucketKey(1.0000001), 1);
    assert.equal(bucketKey(2 ** (3 / 8) * 0.999999), 3);
  });

  it('ends every series with a stale marker after the last values when K6_PROMETHEUS_RW_STALE_MARKERS is on', async () => {
    const registry = registryWithBuiltins();
    const out = output(registry, { K6_PROMETHEUS_RW_SERVER_URL: receiver.url, K6_PROMETHEUS_RW_STALE_MARKERS: 'true' });
    registry.add('http_reqs', 1, { status: '200' });
    registry.add('http_req_duration', 5, { status: '200' });
    const before = receiver.pushes.length;
    await out.close();
    const [last, stale] = receiver.pushes.slice(before);
    assert.deepEqual(stale.series.map(nameOf).sort(), last.series.map(nameOf).sort());
    for (const ts of stale.series) {
      const sample = (ts.samples ?? [])[0];
      // Through a DataView: an array literal may quiet a signalling NaN.
      const view = new DataView(new ArrayBuffer(8));
      view.setFloat64(0, sample.value);
      const bits = view.getBigUint64(0);
      assert.equal(bits, 0x7ff0000000000002n, 'the exact NaN Prometheus reads as stale');
      assert.ok(sample.timestamp > (last.series[0].samples ?? [])[0].timestamp);
    }
  });

  it('sends the configured headers and basic authentication', async () => {
    const registry = registryWithBuiltins();
    const out = output(registry, {
      K6_PROMETHEUS_RW_SERVER_URL: receiver.url,
      K6_PROMETHEUS_RW_USERNAME: 'k6',
      K6_PROMETHEUS_RW_PASSWORD: 'secret',
      'K6_PROMETHEUS_RW_HEADERS_X-Scope-OrgID': 'tenant-a',
      K6_PROMETHEUS_RW_HTTP_HEADERS: 'X-One:1,X-Two:2',
    });
    registry.add('vus', 1, {});
    const pushed = receiver.nextPush();
    await out.close();
    const { headers } = await pushed;
    assert.equal(headers.authorization, `Basic ${Buffer.from('k6:secret').toString('base64')}`);
    assert.equal(headers['x-scope-orgid'], 'tenant-a');
    assert.equal(headers['x-one'], '1');
    assert.equal(headers['x-two'], '2');
  });

  it("logs k6's error when the endpoint refuses a push, and the run goes on", async () => {
    const registry = registryWithBuiltins();
    const logs: string[] = [];
    const out = output(registry, { K6_PROMETHEUS_RW_SERVER_URL: receiver.url }, logs);
    registry.add('vus', 1, {});
    receiver.status = 400;
    try {
      await out.close();
    } finally {
      receiver.status = 204;
    }
    assert.equal(logs.length, 1);
    assert.match(
      logs[0],
      /^error: Failed to send the time series data to the endpoint: got status code: 400 .*out of order sample/,
    );
  });
});

describe('remote-write configuration', () => {
  it("has k6's defaults", () => {
    const c = remoteWriteConfig({});
    assert.equal(c.serverUrl.href, 'http://localhost:9090/api/v1/write');
    assert.equal(c.pushIntervalMs, 5000);
    assert.deepEqual(c.trendStats, ['p(99)']);
    assert.equal(c.trendAsNativeHistogram, false);
    assert.equal(c.staleMarkers, false);
    assert.equal(c.insecureSkipTlsVerify, false);
    assert.equal(c.tlsMinVersion, 'TLSv1.3');
  });

  it('reads durations as k6 does: a bare number is milliseconds', () => {
    assert.equal(remoteWriteConfig({ K6_PROMETHEUS_RW_PUSH_INTERVAL: '250' }).pushIntervalMs, 250);
    assert.equal(remoteWriteConfig({ K6_PROMETHEUS_RW_PUSH_INTERVAL: '1m30s' }).pushIntervalMs, 90_000);
  });

  it('refuses a bad value with a sentence naming the variable', () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ K6_PROMETHEUS_RW_TREND_STATS: 'p(95),p95' }, /K6_PROMETHEUS_RW_TREND_STATS: "p95" is not a trend statistic/],
      [{ K6_PROMETHEUS_RW_TREND_STATS: 'p(101)' }, /"p\(101\)" is not a trend statistic/],
      [{ K6_PROMETHEUS_RW_STALE_MARKERS: 'yes' }, /K6_PROMETHEUS_RW_STALE_MARKERS=yes: expected true or false/],
      [{ K6_PROMETHEUS_RW_PUSH_INTERVAL: 'soon' }, /K6_PROMETHEUS_RW_PUSH_INTERVAL=soon: expected a duration/],
      [{ K6_PROMETHEUS_RW_PUSH_INTERVAL: '0s' }, /must be longer than zero/],
      [
        { K6_PROMETHEUS_RW_SERVER_URL: 'localhost:9090' },
        /K6_PROMETHEUS_RW_SERVER_URL=localhost:9090: expected an http/,
      ],
      [{ K6_PROMETHEUS_RW_HTTP_HEADERS: 'X-One' }, /K6_PROMETHEUS_RW_HTTP_HEADERS: "X-One" does not respect/],
    ];
    for (const [env, message] of cases) assert.throws(() => remoteWriteConfig(env), message);
  });

  it('names a metric’s series by type: _total, _rate, the bare gauge, a trend per statistic', () => {
    const naming = { trendStats: ['p(95)', 'max'], trendAsNativeHistogram: false };
    assert.deepEqual(remoteWriteNames({ name: 'http_reqs', type: 'counter', contains: 'default' }, naming), [
      'k6_http_reqs_total',
    ]);
    assert.deepEqual(remoteWriteNames({ name: 'checks', type: 'rate', contains: 'default' }, naming), [
      'k6_checks_rate',
    ]);
    assert.deepEqual(remoteWriteNames({ name: 'vus', type: 'gauge', contains: 'default' }, naming), ['k6_vus']);
    assert.deepEqual(remoteWriteNames({ name: 'http_req_duration', type: 'trend', contains: 'time' }, naming), [
      'k6_http_req_duration_p95',
      'k6_http_req_duration_max',
    ]);
    const native = { ...naming, trendAsNativeHistogram: true };
    assert.deepEqual(remoteWriteNames({ name: 'http_req_duration', type: 'trend', contains: 'time' }, native), [
      'k6_http_req_duration_seconds',
    ]);
    assert.deepEqual(remoteWriteNames({ name: 'size', type: 'trend', contains: 'data' }, native), ['k6_size_bytes']);
    assert.deepEqual(remoteWriteNames({ name: 'score', type: 'trend', contains: 'default' }, native), ['k6_score']);
  });
});
