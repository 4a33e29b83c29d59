import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { buildSummary } from '../../reports/build-summary.ts';
import { MergeRefusal } from '../../reports/merge-refusal.ts';
import { mergeRuns } from '../../reports/merge-runs.ts';
import { readRunFacts } from '../../reports/run-facts.ts';
import type { RunSummary } from '../../reports/run-summary.ts';
import {
  CHECK_NAME,
  DURATION_KEY,
  ENDPOINT,
  REQS_KEY,
  tokenRequests,
  writeRunnerRaw,
  type RunnerSpec,
} from '../support/split-run-raw.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'merge-runs-'));
after(() => rmSync(dir, { recursive: true, force: true }));

let folders = 0;
/** Writes the runners' raw folders under a fresh output folder; returns it and their raw folders. */
function splitRun(specs: RunnerSpec[]): { out: string; raws: string[] } {
  const out = path.join(dir, `run-${++folders}`);
  const raws = specs.map((spec, i) => {
    const raw = path.join(out, 'runners', String(i + 1), 'raw');
    writeRunnerRaw(raw, spec);
    return raw;
  });
  return { out, raws };
}

async function merged(out: string, raws: string[]): Promise<RunSummary> {
  const source = await mergeRuns(
    raws.map((rawDir) => ({ rawDir, facts: readRunFacts(rawDir)! })),
    out,
  );
  return buildSummary(source.facts, source.raw, source.metrics);
}

/** The nearest-rank percentile (HDR's definition): the smallest value with p % of the values at or below it. */
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1];
}

/** Within the merge's histogram precision: 3 significant digits, values held in whole microseconds. */
const withinHdr = (actual: number, exact: number) => Math.abs(actual - exact) <= exact * 0.001 + 0.001;

// Three runners with different latencies (a fast, a middling and a slow share), all in the same seconds.
const fast = tokenRequests(40, 0, (i) => 5 + (i % 10) * 0.5);
const middling = tokenRequests(40, 30, (i) => 10 + (i % 10));
const slow = tokenRequests(40, 60, (i) => 30 + (i % 20) * 3);
// The same, two of its requests answered 503 (failed requests, failed checks).
const slowFailing = slow.map((s, i) => (i < 2 ? { ...s, failed: true, status: 503 } : s));
const thirds = ['0:1/3', '1/3:2/3', '2/3:1'];

describe('merging the runners of a split run', () => {
  it('sums requests and checks, and takes percentiles from all samples together, never averaged', async () => {
    const { out, raws } = splitRun(
      [fast, middling, slowFailing].map((samples, i) => ({ samples, segment: thirds[i] })),
    );
    const summary = await merged(out, raws);
    const all = [...fast, ...middling, ...slow].map((s) => s.durationMs);
    const [row] = summary.endpoints;
    assert.equal(row.endpoint, ENDPOINT);
    assert.equal(row.requests, 120);
    for (const p of [50, 95, 99] as const) {
      const exact = percentile(all, p);
      assert.ok(withinHdr(row[`p${p}`], exact), `p${p}: merged ${row[`p${p}`]}, all samples ${exact}`);
    }
    const averagedP50 =
      [fast, middling, slow].reduce(
        (sum, r) =>
          sum +
          percentile(
            r.map((s) => s.durationMs),
            50,
          ),
        0,
      ) / 3;
    assert.ok(Math.abs(row.p50 - averagedP50) > 5, 'the merged p50 is not the average of the runners’ p50s');
    assert.equal(row.max, 87);
    assert.equal(row.errorRate, 2 / 120);
    assert.equal(summary.ok, false);
    assert.equal(row.rps, 120 / 10);
    const check = summary.checks.find((c) => `${c.endpoint} | ${c.credential} | ${c.id}` === CHECK_NAME);
    assert.deepEqual([check?.passes, check?.fails], [118, 2]);
    assert.equal(summary.counts?.evaluations, 120);
  });

  it('lists the runners: raw folder, segment, requests, and says the engine ran merged', async () => {
    const { out, raws } = splitRun([fast, middling, slow].map((samples, i) => ({ samples, segment: thirds[i] })));
    const summary = await merged(out, raws);
    assert.equal(summary.engine, 'auth0-harness local engine (3 runners, merged)');
    assert.deepEqual(
      summary.runners?.map((r) => [r.raw, r.segment, r.requests, r.incomplete]),
      [
        [path.join('runners', '1', 'raw'), '0:1/3', 40, undefined],
        [path.join('runners', '2', 'raw'), '1/3:2/3', 40, undefined],
        [path.join('runners', '3', 'raw'), '2/3:1', 40, undefined],
      ],
    );
    assert.equal(summary.ok, true);
    assert.equal(summary.incomplete, undefined);
  });

  it('judges each threshold again on the merged figures: a count every runner held can be crossed together', async () => {
    const limit = { [REQS_KEY]: { 'count<100': true } };
    const { out, raws } = splitRun(
      [fast, middling, slow].map((samples, i) => ({ samples, segment: thirds[i], thresholds: limit })),
    );
    const summary = await merged(out, raws);
    const row = summary.thresholds?.find((t) => t.expression === 'count<100');
    assert.deepEqual([row?.ok, row?.observed], [false, 120]);
    assert.equal(summary.ok, false);
  });

  it("and a percentile one runner crossed on its own share can hold on the whole run's samples", async () => {
    // The slow runner's p95 is above 80 ms; the whole run's is not.
    const bound = (held: boolean) => ({ [DURATION_KEY]: { 'p(95)<80': held } });
    const { out, raws } = splitRun([
      { samples: fast, segment: thirds[0], thresholds: bound(true) },
      { samples: middling, segment: thirds[1], thresholds: bound(true) },
      { samples: slow, segment: thirds[2], thresholds: bound(false) },
    ]);
    const summary = await merged(out, raws);
    const row = summary.thresholds?.find((t) => t.expression === 'p(95)<80');
    assert.equal(row?.ok, true);
    assert.equal(summary.ok, true);
    assert.ok(
      withinHdr(
        row?.observed ?? NaN,
        percentile(
          [...fast, ...middling, ...slow].map((s) => s.durationMs),
          95,
        ),
      ),
    );
  });

  it('is incomplete, and fails, when a runner did not complete', async () => {
    const { out, raws } = splitRun([
      { samples: fast, segment: thirds[0] },
      { samples: middling, segment: thirds[1], incomplete: 'the local engine run ended with exit code 107' },
      { samples: slow, segment: thirds[2] },
    ]);
    const summary = await merged(out, raws);
    assert.equal(
      summary.incomplete,
      `runner ${path.join('runners', '2', 'raw')} (segment 1/3:2/3): the local engine run ended with exit code 107`,
    );
    assert.equal(summary.runners?.[1].incomplete, 'the local engine run ended with exit code 107');
    assert.equal(summary.ok, false);
  });

  it('is incomplete when the runners leave part of the test unrun', async () => {
    const { out, raws } = splitRun([
      { samples: fast, segment: thirds[0] },
      { samples: middling, segment: thirds[1] },
    ]);
    const summary = await merged(out, raws);
    assert.equal(summary.incomplete, 'the runners do not cover the whole test: no runner ran 2/3:1 of the test');
    assert.equal(summary.ok, false);
  });

  it('refuses folders that are not the runners of one run, saying which and why', async () => {
    const refusal = async (specs: RunnerSpec[], message: RegExp) => {
      const { out, raws } = splitRun(specs);
      await assert.rejects(merged(out, raws), (e: Error) => e instanceof MergeRefusal && message.test(e.message));
    };
    await refusal(
      [
        { samples: fast, segment: '0:1/2' },
        { samples: slow, segment: '1/2:1', suite: 'conformance' },
      ],
      /runners\/1\/raw and .*runners\/2\/raw differ in suite \(load, conformance\)/,
    );
    await refusal(
      [
        { samples: fast, segment: '0:1/2' },
        { samples: middling, segment: '0:1/2' },
        { samples: slow, segment: '1/2:1' },
      ],
      /segments 0:1\/2 and 0:1\/2 overlap/,
    );
    await refusal(
      [
        { samples: fast, segment: '0:1/2' },
        { samples: slow, segment: '1/2:1', noJsonOutput: true },
      ],
      /runners\/2\/raw has no metrics\.ndjson\.gz: a merge computes its percentiles from every sample/,
    );
    const { out, raws } = splitRun([{ samples: fast, segment: '0:1' }]);
    await assert.rejects(merged(out, [raws[0], `${raws[0]}/`]), /is given twice/);
  });
});
