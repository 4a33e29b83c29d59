import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { readTimeline } from '../../reports/metrics-timeline.ts';
import { writeK6JsonGz, type RequestSample } from '../support/k6-json-output.ts';

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
    assert.equal(await readTimeline(path.join(dir, 'absent.ndjson.gz')), undefined);
  });
});
