import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { readRunMetrics } from '../../reports/run-metrics.ts';
import { writeK6JsonGz, type RequestSample } from '../support/k6-json-output.ts';

const readTimeline = async (file: string) => (await readRunMetrics(file))?.timeline;

const dir = mkdtempSync(path.join(os.tmpdir(), 'timeline-'));
const T0 = Date.parse('2026-11-27T10:00:00.000Z');

// Second 0: 100 token requests of 1..100 ms; second 1: 10 of 50 ms, 2 of them failed; discovery once.
function samples(): RequestSample[] {
  const out: RequestSample[] = [];
  for (let i = 1; i <= 100; i++) out.push({ at: T0 + i * 5, endpoint: 'POST /oauth/token', durationMs: i });
  for (let i = 0; i < 10; i++)
    out.push({ at: T0 + 1000 + i * 50, endpoint: 'POST /oauth/token', durationMs: 50, failed: i < 2 });
  out.push({ at: T0 + 1500, endpoint: 'GET /.well-known/openid-configuration', durationMs: 7.25 });
  return out;
}

describe('latency timeline from k6 JSON output', () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('gives per endpoint and second the request count, errors and latency percentiles', async () => {
    const file = path.join(dir, 'metrics.ndjson.gz');
    writeK6JsonGz(file, samples());
    const timeline = await readTimeline(file);
    assert.ok(timeline);
    assert.equal(timeline.startedAt, T0);
    assert.deepEqual(
      timeline.endpoints.map((e) => e.endpoint),
      ['GET /.well-known/openid-configuration', 'POST /oauth/token'],
    );
    const [s0, s1] = timeline.endpoints[1].seconds;
    assert.deepEqual([s0.t, s0.requests, s0.errors], [0, 100, 0]);
    // HDR histograms with 3 significant digits: within 0.1 % of the exact percentile
    assert.ok(Math.abs(s0.p50 - 50) <= 0.05, `p50 ${s0.p50}`);
    assert.ok(Math.abs(s0.p95 - 95) <= 0.1, `p95 ${s0.p95}`);
    assert.ok(Math.abs(s0.p99 - 99) <= 0.1, `p99 ${s0.p99}`);
    assert.deepEqual([s1.t, s1.requests, s1.errors], [1, 10, 2]);
    assert.ok(Math.abs(s1.p99 - 50) <= 0.05);
    const discovery = timeline.endpoints[0].seconds;
    assert.equal(discovery.length, 1);
    assert.ok(Math.abs(discovery[0].p50 - 7.25) <= 0.01);
  });

  it('places points that arrive out of order in their own second', async () => {
    const file = path.join(dir, 'shuffled.ndjson.gz');
    writeK6JsonGz(file, samples().reverse());
    const token = (await readTimeline(file))?.endpoints.find((e) => e.endpoint === 'POST /oauth/token');
    assert.deepEqual(
      token?.seconds.map((s) => [s.t, s.requests, s.errors]),
      [
        [0, 100, 0],
        [1, 10, 2],
      ],
    );
  });

  it('reads what a truncated file holds (an interrupted run) without failing', async () => {
    const file = path.join(dir, 'truncated.ndjson.gz');
    const many: RequestSample[] = [];
    for (let i = 0; i < 20000; i++) many.push({ at: T0 + i, endpoint: 'POST /oauth/token', durationMs: 3 });
    const gz = writeK6JsonGz(file, many);
    writeFileSync(file, gz.subarray(0, Math.floor(gz.length / 2)));
    const timeline = await readTimeline(file);
    const requests = timeline?.endpoints[0].seconds.reduce((n, s) => n + s.requests, 0) ?? 0;
    assert.ok(requests > 1000 && requests < 20000, `read ${requests} of 20000 requests`);
  });

  it('reads times with a zone offset (as k6 writes local time) and endpoint tags with escapes', async () => {
    const file = path.join(dir, 'offsets.ndjson');
    const point = (metric: string, time: string, value: number, endpoint: string) =>
      JSON.stringify({ metric, type: 'Point', data: { time, value, tags: { endpoint, group: '' } } });
    writeFileSync(
      file,
      [
        point('http_reqs', '2026-11-27T11:00:00.250+01:00', 1, 'GET /a "quoted"'),
        point('http_req_duration', '2026-11-27T11:00:00.250+01:00', 12, 'GET /a "quoted"'),
        point('http_reqs', '2026-11-27T10:00:01.5Z', 1, 'GET /a "quoted"'),
        point('http_req_duration', '2026-11-27T10:00:01.5Z', 30, 'GET /a "quoted"'),
        '{"metric":"http_reqs","type":"Point","data":{"time":"2026-11-27T10:00:0',
      ].join('\n'),
    );
    const timeline = await readTimeline(file);
    assert.equal(timeline?.startedAt, T0);
    assert.equal(timeline?.endpoints[0].endpoint, 'GET /a "quoted"');
    assert.deepEqual(
      timeline?.endpoints[0].seconds.map((s) => [s.t, s.requests, Math.round(s.p50)]),
      [
        [0, 1, 12],
        [1, 1, 30],
      ],
    );
  });

  it('returns nothing when the engine wrote no JSON output', async () => {
    assert.equal(await readRunMetrics(path.join(dir, 'absent.ndjson.gz')), undefined);
  });

  it("charts only a load run's measured phase, marking the warm-up and ramps around it", async () => {
    const file = path.join(dir, 'phases.ndjson.gz');
    const token = (at: number, phase: string | undefined, durationMs: number): RequestSample => ({
      at,
      endpoint: 'POST /oauth/token',
      durationMs,
      phase,
    });
    writeK6JsonGz(file, [
      token(T0 + 100, undefined, 900), // setup(), before any phase
      token(T0 + 1100, 'warmup', 800),
      token(T0 + 2100, 'measured', 10),
      token(T0 + 3100, 'measured', 12),
      token(T0 + 4100, 'ramp-down', 700),
    ]);
    const timeline = await readTimeline(file);
    assert.deepEqual(
      timeline?.endpoints[0].seconds.map((s) => [s.t, s.requests, Math.round(s.p99)]),
      [
        [2, 1, 10],
        [3, 1, 12],
      ],
    );
    assert.deepEqual(timeline?.phases, [
      { name: 'warmup', from: 1, to: 2 },
      { name: 'measured', from: 2, to: 4 },
      { name: 'ramp-down', from: 4, to: 5 },
    ]);
  });

  it("leaves out the local tenant's control API (/__tenant/…), which is not the API under test", async () => {
    const file = path.join(dir, 'control-api.ndjson.gz');
    writeK6JsonGz(file, [
      { at: T0 + 10, endpoint: 'GET /__tenant/outbox', durationMs: 3 },
      { at: T0 + 20, endpoint: 'POST /__tenant/ciba', durationMs: 3 },
      { at: T0 + 30, endpoint: 'POST /passwordless/start', durationMs: 4 },
    ]);
    const metrics = await readRunMetrics(file);
    assert.deepEqual(
      metrics?.timeline.endpoints.map((e) => e.endpoint),
      ['POST /passwordless/start'],
    );
    assert.equal(metrics?.timing.endpoint('GET /__tenant/outbox'), undefined);
  });

  it('names the requests behind a failure rate: endpoint, credential method, flow and status, measured phase only', async () => {
    const file = path.join(dir, 'unexpected.ndjson.gz');
    const refresh = { endpoint: 'POST /oauth/token', durationMs: 5, credential: 'none', flow: 'refresh_rotation' };
    writeK6JsonGz(file, [
      { ...refresh, at: T0 + 100, phase: 'warmup', failed: true, status: 400 },
      { ...refresh, at: T0 + 1100, phase: 'measured', failed: true, status: 403 },
      { ...refresh, at: T0 + 1200, phase: 'measured', failed: true, status: 403 },
      { ...refresh, at: T0 + 1300, phase: 'measured' },
      { ...refresh, at: T0 + 1400, phase: 'measured', failed: true, status: 0, error: 'dial tcp: connection refused' },
    ]);
    const metrics = await readRunMetrics(file);
    assert.deepEqual(
      metrics?.unexpected.map(
        (u) => `${u.endpoint} [${u.credential}] ${u.flow} ${u.status} ×${u.count} ${u.error ?? ''}`,
      ),
      [
        'POST /oauth/token [none] refresh_rotation 403 ×2 ',
        'POST /oauth/token [none] refresh_rotation 0 ×1 dial tcp: connection refused',
      ],
    );
  });

  it("times a check from its cell's first request to its last evaluation, and an endpoint by its measured requests", async () => {
    const file = path.join(dir, 'timing.ndjson.gz');
    const cell = { endpoint: 'POST /oauth/token', credential: 'client_secret_post' };
    writeK6JsonGz(
      file,
      [
        { ...cell, at: T0 + 1000, durationMs: 40 },
        { ...cell, at: T0 + 3000, durationMs: 20 },
      ],
      [
        { at: T0 + 1001, name: 'POST /oauth/token | client_secret_post | token_response.schema', ok: true },
        { at: T0 + 3002, name: 'POST /oauth/token | client_secret_post | token_response.schema', ok: true },
      ],
    );
    const timing = (await readRunMetrics(file))?.timing;
    const span = timing?.check({ ...cell, checkId: 'token_response.schema' });
    assert.ok(span);
    assert.ok(Math.abs(span.start - (T0 + 960)) < 1, `start ${span.start - T0}`);
    assert.ok(Math.abs(span.stop - (T0 + 3002)) < 1, `stop ${span.stop - T0}`);
    assert.equal(timing?.check({ ...cell, checkId: 'never.evaluated' }), undefined);
    const endpoint = timing?.endpoint('POST /oauth/token');
    assert.ok(endpoint && Math.abs(endpoint.stop - endpoint.start - 2040) < 1);
  });
  it('reads the JSON outputs of several runners as one run: the same timeline as one file with all their points', async () => {
    // 20 seconds (longer than a second stays open) of token requests, dealt round-robin to 3 runners.
    const all: RequestSample[] = [];
    for (let i = 0; i < 20 * 30; i++)
      all.push({
        at: T0 + Math.floor(i / 30) * 1000 + (i % 30) * 30,
        endpoint: 'POST /oauth/token',
        durationMs: 1 + ((i * 37) % 90),
        failed: i % 50 === 0,
      });
    const whole = path.join(dir, 'whole.ndjson.gz');
    writeK6JsonGz(whole, all);
    const runners = [0, 1, 2].map((r) => {
      const file = path.join(dir, `runner-${r}.ndjson.gz`);
      writeK6JsonGz(
        file,
        all.filter((_, i) => i % 3 === r),
      );
      return file;
    });
    const merged = await readRunMetrics(runners);
    const single = await readRunMetrics(whole);
    assert.ok(merged && single);
    assert.equal(merged.timeline.endpoints[0].seconds.length, 20);
    assert.deepEqual(merged.timeline, single.timeline);
    assert.deepEqual(merged.unexpected, single.unexpected);
  });
});
