import { checkCatalogue } from '../checks/catalogue.ts';
import { CONFORMANCE_MATRIX, type Profile } from '../lib/k6-and-node/conformance-matrix.ts';
import { CREDENTIAL_METHODS } from '../lib/k6-and-node/credential-methods.ts';
import { expectedFailureFor, expectedFailureOutcomes } from '../lib/k6-and-node/expected-failures.ts';
import type { CheckResultName, Finding } from '../lib/k6-and-node/result-protocol.ts';
import { isControlApi } from './measured-phase.ts';
import { parseMetricKey, thresholdAggregate } from './metric-key.ts';
import { flattenChecks, type RawResults } from './raw-results.ts';
import { reportTests, runCounts, runPassed } from './report-tests.ts';
import type { RunMetrics } from './run-metrics.ts';
import type { RunFacts } from './run-facts.ts';
import type { CheckRow, EndpointRow, MatrixCellRow, RateLimitRow, RunSummary, ThresholdRow } from './run-summary.ts';

function checkRows(raw: RawResults): CheckRow[] {
  if (!raw.summary) return [];
  const merged = new Map<string, CheckRow>();
  for (const c of flattenChecks(raw.summary.root_group)) {
    const key = `${c.endpoint}\u0000${c.credential}\u0000${c.checkId}`;
    const row = merged.get(key) ?? newRow(c);
    row.passes += c.passes;
    row.fails += c.fails;
    merged.set(key, row);
  }
  for (const f of raw.findings) {
    if (f.skipped) continue;
    const key = `${f.endpoint}\u0000${f.credential}\u0000${f.checkId}`;
    if (f.notRun) {
      const row = merged.get(key) ?? newRow(f);
      if (row.fails === 0) row.notRun ??= f.message;
      merged.set(key, row);
      continue;
    }
    const row = merged.get(key);
    if (row && row.message === null) Object.assign(row, firstFailure(f));
  }
  return [...merged.values()];
}

function newRow(c: CheckResultName): CheckRow {
  return {
    id: c.checkId,
    endpoint: c.endpoint,
    credential: c.credential,
    severity: checkCatalogue.get(c.checkId)?.severity ?? 'failure',
    passes: 0,
    fails: 0,
    message: null,
  };
}

// What a finding says about its failure. Findings written before `cause` existed mark an exception
// by their message (lib/record-checks.ts) and a transport error by status 0 (k6's, for no response).
function firstFailure(f: Finding): Partial<CheckRow> {
  const status = f.response?.status;
  const cause =
    f.cause ??
    (status === 0 || f.transportError
      ? 'transport'
      : f.message.startsWith('the check itself failed')
        ? 'exception'
        : undefined);
  return {
    message: f.message,
    ...(f.flow ? { flow: f.flow } : {}),
    ...(status !== undefined ? { httpStatus: status } : {}),
    ...(cause ? { cause } : {}),
    ...(f.transportError ? { transportError: f.transportError } : {}),
  };
}

/** Why a cell has no result when the suite said nothing of it: the run stopped first, or a harness bug. */
function unreachedCell(incomplete: string | undefined): string {
  return incomplete
    ? `not reached: the run did not complete (${incomplete})`
    : 'no check ran for this cell and the suite recorded no reason (a harness bug: please report it)';
}

function matrixRows(profile: Profile, checks: CheckRow[], raw: RawResults, incomplete?: string): MatrixCellRow[] {
  const rows: MatrixCellRow[] = [];
  for (const row of CONFORMANCE_MATRIX.filter((r) => r.profiles.includes(profile))) {
    for (const credential of CREDENTIAL_METHODS) {
      const cell = row.cells[credential];
      if (!cell.applies) {
        rows.push({ endpoint: row.endpoint, credential, status: 'not_applicable', reason: cell.reason });
        continue;
      }
      const own = checks.filter((c) => c.endpoint === row.endpoint && (c.credential ?? 'none') === credential);
      // a check that had nothing to judge did not run: a cell of only those was not run either
      const ran = own.filter((c) => !c.notRun);
      if (ran.length === 0) {
        const skip = raw.findings.find((f) => f.skipped && f.endpoint === row.endpoint && f.credential === credential);
        rows.push({
          endpoint: row.endpoint,
          credential,
          status: 'skipped',
          reason: skip?.message ?? own.find((c) => c.notRun)?.notRun ?? unreachedCell(incomplete),
        });
        continue;
      }
      const failed = ran.some((c) => c.severity === 'failure' && c.fails > 0 && !c.expectedFailure);
      rows.push({ endpoint: row.endpoint, credential, status: failed ? 'failed' : 'passed' });
    }
  }
  return rows;
}

function endpointRows(raw: RawResults, runMetrics?: RunMetrics): EndpointRow[] {
  const metrics = raw.summary?.metrics ?? {};
  const seconds = (raw.summary?.state.testRunDurationMs ?? 0) / 1000;
  // Measured-phase requests are spread over the measured phase only, not the ramps around it.
  const measuredSeconds = typeof raw.loadShape?.durationS === 'number' ? raw.loadShape.durationS : seconds;
  const rate = (requests: number, over: number) => (over > 0 ? requests / over : 0);
  const rows: EndpointRow[] = [];
  for (const [key, metric] of Object.entries(metrics)) {
    // The load suite keeps only the measured phase (`{endpoint:…,phase:measured}`); ramps are left out.
    const m = /^http_req_duration\{endpoint:(.+?)(,phase:measured)?\}$/.exec(key);
    if (!m) continue;
    const [, endpoint, phase = ''] = m;
    if (isControlApi(endpoint)) continue;
    const suffix = `${endpoint}${phase}`;
    const requests = metrics[`http_reqs{endpoint:${suffix}}`]?.values.count ?? metric.values.count ?? 0;
    if (!requests) continue;
    rows.push({
      endpoint,
      requests,
      p50: metric.values['p(50)'] ?? metric.values.med ?? 0,
      p95: metric.values['p(95)'] ?? 0,
      p99: metric.values['p(99)'] ?? 0,
      max: metric.values.max ?? 0,
      errorRate: metrics[`http_req_failed{endpoint:${suffix}}`]?.values.rate ?? 0,
      rps: rate(requests, phase ? measuredSeconds : seconds),
      ...unexpectedOn(endpoint, runMetrics),
    });
  }
  return rows.sort((a, b) => a.endpoint.localeCompare(b.endpoint));
}

function unexpectedOn(endpoint: string, metrics?: RunMetrics): Pick<EndpointRow, 'unexpectedResponses'> {
  const seen = (metrics?.unexpected ?? []).filter((u) => u.endpoint === endpoint).map(({ endpoint: _, ...u }) => u);
  return seen.length ? { unexpectedResponses: seen } : {};
}

function thresholdRows(raw: RawResults): ThresholdRow[] {
  const rows: ThresholdRow[] = [];
  for (const [metric, m] of Object.entries(raw.summary?.metrics ?? {})) {
    const endpoint = parseMetricKey(metric).tags.endpoint;
    for (const [expression, t] of Object.entries(m.thresholds ?? {})) {
      const aggregate = thresholdAggregate(expression);
      const observed = aggregate === undefined ? undefined : m.values[aggregate];
      rows.push({
        metric,
        expression,
        ok: t.ok,
        ...(observed !== undefined ? { observed } : {}),
        ...(endpoint ? { endpoint } : {}),
      });
    }
  }
  return rows;
}

function rateLimitRows(raw: RawResults): RateLimitRow[] {
  const metrics = raw.summary?.metrics ?? {};
  const rows: RateLimitRow[] = [];
  for (const [key, metric] of Object.entries(metrics)) {
    const m = /^ratelimit_documented_burst\{endpoint:(.+)\}$/.exec(key);
    if (!m) continue;
    // Request numbers start at 1: a kept submetric with no value means no 429 came.
    const first = metrics[`ratelimit_first_429_request{endpoint:${m[1]}}`]?.values;
    rows.push({
      endpoint: m[1],
      documentedBurst: metric.values.value ?? 0,
      first429At: first?.value ? first.value : null,
    });
  }
  for (const f of raw.findings)
    if (f.skipped) rows.push({ endpoint: f.endpoint, documentedBurst: null, first429At: null, skipped: f.message });
  return rows.sort((a, b) => a.endpoint.localeCompare(b.endpoint));
}

function loadFigures(raw: RawResults): RunSummary['load'] {
  const metric = raw.summary?.metrics['conformance_errors{phase:measured}'] ?? raw.summary?.metrics.conformance_errors;
  if (!metric) return undefined;
  const samples = (metric.values.passes ?? 0) + (metric.values.fails ?? 0);
  return { conformanceSamples: samples, conformanceErrorRate: metric.values.rate ?? 0 };
}

/**
 * summary.json from the raw folder, and the JSON output's figures when the engine wrote it. Its `ok`
 * is the run's one verdict (the exit code's): it comes from the same list of tests every report shows.
 */
export function buildSummary(facts: RunFacts, raw: RawResults, metrics?: RunMetrics): RunSummary {
  const expected = facts.expectedFailures ?? [];
  const checks = checkRows(raw).map((c) => {
    const entry = c.fails > 0 ? expectedFailureFor(expected, c) : undefined;
    return entry ? { ...c, expectedFailure: entry.reason } : c;
  });
  const summary: RunSummary = {
    schemaVersion: 1,
    suite: facts.suite,
    target: facts.target,
    engine: facts.engine,
    profile: facts.profile,
    startedAt: facts.startedAt.toISOString(),
    durationMs: Math.round(facts.durationMs),
    ok: false,
    checks,
    matrix: facts.suite === 'conformance' ? matrixRows(facts.profile, checks, raw, facts.incomplete) : [],
    endpoints: endpointRows(raw, metrics),
    ...(facts.suite === 'load' ? { load: loadFigures(raw) ?? { conformanceSamples: 0, conformanceErrorRate: 0 } } : {}),
    ...(facts.suite === 'ratelimit' ? { rateLimits: rateLimitRows(raw) } : {}),
    ...(facts.findMax ? { findMax: facts.findMax } : {}),
    ...(facts.incomplete ? { incomplete: facts.incomplete } : {}),
    ...(facts.expectedFailures ? { expectedFailures: expectedFailureOutcomes(expected, checks) } : {}),
    loadShape: facts.loadShape ?? raw.loadShape ?? null,
    thresholds: thresholdRows(raw),
    ...(facts.segment ? { segment: facts.segment } : {}),
    ...(facts.runners ? { runners: facts.runners } : {}),
  };
  const tests = reportTests(summary);
  return { ...summary, ok: runPassed(tests), counts: runCounts(tests, checks) };
}
