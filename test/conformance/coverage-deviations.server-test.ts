import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildBundles } from '../../build.mjs';
import type { RunSummary } from '../../reports/run-summary.ts';
import type { DeviationName } from '../../tenant/faults/deviations.ts';
import { startTenant, type RunningTenant } from '../../tenant/start-tenant.ts';
import { COVERAGE_DEVIATIONS, COVERAGE_RUNS, type Catch } from '../support/coverage-deviations.ts';
import { runConformanceBundle } from '../support/run-conformance-bundle.ts';
import { repoRoot } from '../support/run-cli.ts';

// One tenant, three conformance runs, each with several deviations on (test/support/coverage-deviations.ts):
// a deviation's check fails in the run that turns it on and passes in the two that do not.

const put = (url: string, body: unknown) =>
  fetch(url, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const catches = (deviation: DeviationName): Catch[] => COVERAGE_DEVIATIONS[deviation] ?? [];
const row = (summary: RunSummary, c: Catch) =>
  summary.checks.find((r) => r.id === c.checkId && r.endpoint === c.endpoint && r.credential === c.credential);
const describeCatch = (c: Catch) => `${c.checkId} on ${c.endpoint} [${c.credential}]`;

describe('conformance against the local tenant with the new endpoints and checks deviating', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'harness-coverage-'));
  let tenant: RunningTenant;
  const summaries: RunSummary[] = [];
  before(async () => {
    await buildBundles({
      entryPoints: [path.join(repoRoot, 'scenarios', 'conformance.ts')],
      outdir: path.join(repoRoot, 'dist'),
      logLevel: 'silent',
    });
    tenant = await startTenant({ faults: true });
    for (const [i, deviations] of COVERAGE_RUNS.entries()) {
      assert.equal((await put(`${tenant.url}/__tenant/faults`, { deviations })).status, 200);
      // Each run logs the same users in: refill every bucket so one run's logins do not limit the next.
      assert.equal((await put(`${tenant.url}/__tenant/rate-limits`, {})).status, 200);
      summaries.push(await runConformanceBundle(tenant.harnessConfig(), path.join(dir, `run-${i}`)));
    }
  });
  after(async () => {
    await tenant?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('turns each deviation on in exactly one run, never two in a run that one check reads on the same cell', () => {
    const planned = COVERAGE_RUNS.flat();
    assert.deepEqual([...planned].sort(), Object.keys(COVERAGE_DEVIATIONS).sort());
    assert.equal(new Set(planned).size, planned.length);
    for (const run of COVERAGE_RUNS) {
      const read = run.flatMap(catches).map(describeCatch);
      assert.equal(new Set(read).size, read.length, `a run shares a caught check: ${read.join(', ')}`);
    }
  });

  for (const [runIndex, deviations] of COVERAGE_RUNS.entries()) {
    for (const deviation of deviations) {
      const caughtBy = catches(deviation);
      it(`${deviation}: the run fails naming ${[...new Set(caughtBy.map((c) => c.checkId))].join(', ')}, which passes in the runs without it`, () => {
        const summary = summaries[runIndex];
        assert.equal(summary.ok, false);
        for (const c of caughtBy) {
          const failed = row(summary, c);
          assert.ok(failed && failed.severity === 'failure' && failed.fails > 0, `${describeCatch(c)} did not fail`);
          assert.ok((failed.message ?? '').length > 0, `${describeCatch(c)} says what it saw`);
          for (const [otherIndex, other] of summaries.entries()) {
            if (otherIndex === runIndex) continue;
            const held = row(other, c);
            assert.ok(
              held && held.fails === 0 && held.passes > 0,
              `${describeCatch(c)} should pass in run ${otherIndex}`,
            );
          }
        }
      });
    }
  }
});
