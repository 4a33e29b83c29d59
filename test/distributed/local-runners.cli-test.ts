import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { runCli, type CliResult } from '../support/run-cli.ts';

// The same load run twice on the local engine: in one process, and split between three runner
// processes (`--local-runners 3`, one tenant) whose results are merged. The merged run must count
// what the single one counts, and its percentiles must be those of the union of the three runners'
// samples, computed here straight from their k6 JSON outputs. A threshold no run can hold is
// declared, so the merged run must also fail on a threshold judged on the merged figures.

const dir = mkdtempSync(path.join(os.tmpdir(), 'local-runners-'));
after(() => rmSync(dir, { recursive: true, force: true }));

// As the flag says it, and as k6 writes the threshold.
const IMPOSSIBLE = { flag: 'p99<0.001', expression: 'p(99)<0.001' };
const load = (out: string, extra: string[] = []) =>
  runCli([
    'run',
    'load',
    '--engine',
    'local',
    '--out',
    out,
    '--shape',
    'smoke',
    '--rate',
    '9',
    '--duration',
    '4s',
    '--mix',
    'client_credentials_post=2,discovery_jwks=1',
    '--threshold',
    'p95<5000',
    '--threshold',
    `POST /oauth/token:${IMPOSSIBLE.flag}`,
    ...extra,
  ]);

interface EndpointRow {
  endpoint: string;
  requests: number;
  p50: number;
  p95: number;
  p99: number;
}
const readSummary = (out: string) => JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8'));
const measuredRequests = (summary: { endpoints: EndpointRow[] }) =>
  summary.endpoints.reduce((sum, e) => sum + e.requests, 0);

/** Every measured request's latency per endpoint, read from k6 JSON outputs without the harness's readers. */
function measuredLatencies(files: string[]): Map<string, number[]> {
  const byEndpoint = new Map<string, number[]>();
  for (const file of files)
    for (const line of gunzipSync(readFileSync(file)).toString('utf8').split('\n')) {
      if (!line) continue;
      const entry = JSON.parse(line);
      if (entry.type !== 'Point' || entry.metric !== 'http_req_duration') continue;
      const { endpoint, phase } = entry.data.tags;
      if (phase !== 'measured') continue;
      byEndpoint.set(endpoint, [...(byEndpoint.get(endpoint) ?? []), entry.data.value]);
    }
  return byEndpoint;
}

/** The nearest-rank percentile (HDR's definition): the smallest value with p % of the values at or below it. */
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1];
}

describe('a load run split between three local runners, merged', () => {
  const single = path.join(dir, 'single');
  const split = path.join(dir, 'split');
  let singleRun: CliResult;
  let splitRun: CliResult;
  before(async () => {
    // One after the other: two cores are shared by everything on this machine.
    singleRun = await load(single);
    splitRun = await load(split, ['--local-runners', '3']);
  });

  it('counts the requests the same run counts in one process, within 1 %', () => {
    assert.equal(singleRun.code, 1, singleRun.stdout + singleRun.stderr);
    assert.equal(splitRun.code, 1, splitRun.stdout + splitRun.stderr);
    const [whole, merged] = [readSummary(single), readSummary(split)];
    assert.equal(merged.incomplete, undefined, merged.incomplete);
    assert.deepEqual(
      merged.runners.map((r: { segment: string }) => r.segment),
      ['0:1/3', '1/3:2/3', '2/3:1'],
    );
    const [one, three] = [measuredRequests(whole), measuredRequests(merged)];
    assert.ok(one > 0 && Math.abs(three - one) <= one * 0.01, `one process: ${one} requests, three merged: ${three}`);
  });

  it("reports the percentiles of the union of the runners' samples, within HDR precision", () => {
    const merged = readSummary(split);
    const latencies = measuredLatencies(
      [1, 2, 3].map((i) => path.join(split, 'runners', String(i), 'raw', 'metrics.ndjson.gz')),
    );
    assert.deepEqual(
      merged.endpoints.map((e: EndpointRow) => e.endpoint),
      [...latencies.keys()].sort(),
    );
    for (const row of merged.endpoints as EndpointRow[]) {
      const all = latencies.get(row.endpoint)!;
      assert.equal(row.requests, all.length, row.endpoint);
      for (const p of [50, 95, 99] as const) {
        const exact = percentile(all, p);
        // 3 significant digits, whole microseconds
        assert.ok(
          Math.abs(row[`p${p}`] - exact) <= exact * 0.001 + 0.001,
          `${row.endpoint} p${p}: merged ${row[`p${p}`]}, union of samples ${exact}`,
        );
      }
    }
  });

  it('fails on a threshold crossed on the merged figures, with every check passing', () => {
    const merged = readSummary(split);
    const crossed = merged.thresholds.filter((t: { ok: boolean }) => !t.ok);
    assert.deepEqual(
      crossed.map((t: { expression: string; endpoint: string }) => [t.endpoint, t.expression]),
      [['POST /oauth/token', IMPOSSIBLE.expression]],
    );
    assert.equal(merged.counts.checks.failed, 0);
    assert.equal(merged.ok, false);
  });
});
