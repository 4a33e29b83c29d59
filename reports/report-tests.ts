import type { CheckTiming, Span } from './check-timing.ts';
import { thresholdAggregate } from './metric-key.ts';
import { realThresholds } from './real-thresholds.ts';
import type { CheckRow, EndpointRow, RunCounts, RunSummary, ThresholdRow } from './run-summary.ts';

// The one list of tests a run produced, judged once. summary.json's `ok` and `counts`, the exit code,
// the terminal, junit.xml and the Allure report all read it, so they cannot tell different stories.
// - check: one check id on one endpoint with one credential method (a row of summary.checks);
// - cell: a matrix cell that was not run (skipped, with its reason);
// - latency: an endpoint whose latency or error rate thresholds judge (fails when one is crossed);
// - threshold: a threshold on the whole run rather than on one endpoint;
// - run: a run that did not complete, or that recorded no check at all (broken).

/** Allure's statuses; JUnit has the same four (pass, <failure>, <error>, <skipped>). */
export type TestStatus = 'passed' | 'failed' | 'broken' | 'skipped';

export interface ReportTest {
  kind: 'check' | 'cell' | 'latency' | 'threshold' | 'run';
  /** Stable across runs (suite, endpoint, credential method, check): Allure keys history on it. */
  fullName: string;
  name: string;
  /** The JUnit testsuite and Allure suite: an endpoint, `thresholds` or `run`. */
  group: string;
  endpoint?: string;
  credential?: string;
  status: TestStatus;
  /** One line saying what was seen (no counts, so one defect reads the same in every run). */
  message?: string;
  /** What a reader needs to act on it: counts, observed values, flow, HTTP status. */
  detail?: string;
  check?: CheckRow;
  endpointRow?: EndpointRow;
  thresholds?: ThresholdRow[];
  /** When it ran (epoch ms); absent when the run wrote no timing (no JSON output). */
  span?: Span;
}

const credentialOf = (c: CheckRow) => c.credential ?? 'none';

/** A check's status: a failure the server did not cause is broken; a warning, accepted or unjudged one does not fail. */
function checkStatus(c: CheckRow): TestStatus {
  if (c.fails === 0) return c.notRun ? 'skipped' : 'passed';
  if (c.expectedFailure) return 'skipped';
  if (c.cause) return 'broken';
  return c.severity === 'warning' ? 'passed' : 'failed';
}

/** What the first failure was seen on: the flow, and the HTTP status or the transport error. */
export function seenOn(c: CheckRow): string {
  const parts = [];
  if (c.flow) parts.push(`flow ${c.flow}`);
  if (c.cause === 'transport' || c.httpStatus === 0)
    parts.push(`no response (transport error${c.transportError ? `: ${c.transportError}` : ''})`);
  else if (c.httpStatus !== undefined) parts.push(`HTTP ${c.httpStatus}`);
  return parts.join(', ');
}

function checkMessage(c: CheckRow): string | undefined {
  if (c.fails === 0) return c.notRun ? `not run: ${c.notRun}` : undefined;
  const seen = c.message ?? 'failed';
  if (c.expectedFailure) return `expected failure (${c.expectedFailure}): ${seen}`;
  if (c.cause === 'exception') return seen;
  return c.severity === 'warning' ? `warning: ${seen}` : seen;
}

function checkTest(summary: RunSummary, c: CheckRow, timing?: CheckTiming): ReportTest {
  const credential = credentialOf(c);
  const evaluations = c.passes + c.fails;
  const detail =
    c.fails > 0
      ? [`${c.fails} of ${evaluations} evaluations failed`, seenOn(c), c.message ?? ''].filter(Boolean).join('; ')
      : undefined;
  return {
    kind: 'check',
    fullName: `${summary.suite} ${c.endpoint} ${credential} ${c.id}`,
    name: `${c.id} [${credential}]`,
    group: c.endpoint,
    endpoint: c.endpoint,
    credential,
    status: checkStatus(c),
    message: checkMessage(c),
    detail,
    check: c,
    span: timing?.check({ endpoint: c.endpoint, credential: c.credential, checkId: c.id }),
  };
}

/** A threshold and what was seen: `p(95)<500 on http_req_duration{…}: p(95) was 612.40`. */
export function thresholdObservation(t: ThresholdRow): string {
  const aggregate = thresholdAggregate(t.expression) ?? 'value';
  const observed = t.observed === undefined ? '' : `: ${aggregate} was ${Number(t.observed.toPrecision(4))}`;
  return `${t.metric} ${t.expression}${observed}`;
}

/** The failed measured requests of an endpoint, as lines a reader can act on. */
export function unexpectedLines(e: EndpointRow | undefined): string[] {
  return (e?.unexpectedResponses ?? []).map((u) => {
    const what = u.status === 0 ? `no response (transport error${u.error ? `: ${u.error}` : ''})` : `HTTP ${u.status}`;
    const where = [`[${u.credential}]`, u.flow ? `flow ${u.flow}` : ''].filter(Boolean).join(' ');
    return `${what} ×${u.count} on ${e?.endpoint} ${where}${u.errorCode && u.status !== 0 ? ` (k6 error_code ${u.errorCode})` : ''}`;
  });
}

function crossedMessage(crossed: ThresholdRow[]): string | undefined {
  return crossed.length
    ? `threshold crossed: ${crossed.map((t) => `${t.metric} ${t.expression}`).join('; ')}`
    : undefined;
}

function latencyTests(summary: RunSummary, thresholds: ThresholdRow[], timing?: CheckTiming): ReportTest[] {
  const endpoints = [...new Set(thresholds.flatMap((t) => (t.endpoint ? [t.endpoint] : [])))].sort();
  return endpoints.map((endpoint) => {
    const own = thresholds.filter((t) => t.endpoint === endpoint);
    const crossed = own.filter((t) => !t.ok);
    const row = summary.endpoints.find((e) => e.endpoint === endpoint);
    const figures = row
      ? `${row.requests} measured requests, ${row.rps.toFixed(1)} req/s; p50 ${row.p50.toFixed(2)} ms, p95 ${row.p95.toFixed(2)} ms, p99 ${row.p99.toFixed(2)} ms, max ${row.max.toFixed(2)} ms; ${(row.errorRate * 100).toFixed(2)} % failed requests.`
      : 'No measured request.';
    return {
      kind: 'latency',
      fullName: `${summary.suite} ${endpoint} latency`,
      name: `latency and rate: ${endpoint}`,
      group: endpoint,
      endpoint,
      status: crossed.length ? 'failed' : 'passed',
      message: crossedMessage(crossed),
      detail: [
        figures,
        ...own.map((t) => `${t.ok ? 'held' : 'CROSSED'}: ${thresholdObservation(t)}`),
        ...(crossed.length ? unexpectedLines(row) : []),
      ].join('\n'),
      endpointRow: row,
      thresholds: own,
      span: timing?.endpoint(endpoint),
    };
  });
}

function runWideThresholdTests(summary: RunSummary, thresholds: ThresholdRow[], runSpan: Span): ReportTest[] {
  return thresholds
    .filter((t) => !t.endpoint)
    .map((t) => ({
      kind: 'threshold',
      fullName: `${summary.suite} threshold ${t.metric} ${t.expression}`,
      name: `threshold ${t.metric} ${t.expression}`,
      group: 'thresholds',
      status: t.ok ? 'passed' : 'failed',
      message: crossedMessage(t.ok ? [] : [t]),
      detail: `${t.ok ? 'held' : 'CROSSED'}: ${thresholdObservation(t)}`,
      thresholds: [t],
      span: runSpan,
    }));
}

/** Why the run cannot vouch for what it did not see: it stopped early, or no check ran at all. */
function runProblem(summary: RunSummary): string | undefined {
  if (summary.incomplete) return `the run did not complete: ${summary.incomplete}`;
  if (summary.checks.length === 0)
    return 'the run did not complete: no check ran (the engine recorded no check result in raw/k6-summary.json)';
  return undefined;
}

/** Every test of the run, in report order: checks and not-run cells, latency, thresholds, the run. */
export function reportTests(summary: RunSummary, timing?: CheckTiming): ReportTest[] {
  const runSpan = { start: Date.parse(summary.startedAt), stop: Date.parse(summary.startedAt) + summary.durationMs };
  const thresholds = realThresholds(summary);
  const tests: ReportTest[] = summary.checks.map((c) => checkTest(summary, c, timing));
  // A cell whose checks were recorded as not run is already told by those checks.
  const hasChecks = (endpoint: string, credential: string) =>
    summary.checks.some((c) => c.endpoint === endpoint && credentialOf(c) === credential);
  for (const cell of summary.matrix.filter((m) => m.status === 'skipped' && !hasChecks(m.endpoint, m.credential))) {
    tests.push({
      kind: 'cell',
      fullName: `${summary.suite} ${cell.endpoint} ${cell.credential} (cell)`,
      name: `${cell.endpoint} [${cell.credential}] not run`,
      group: cell.endpoint,
      endpoint: cell.endpoint,
      credential: cell.credential,
      status: 'skipped',
      message: cell.reason,
    });
  }
  tests.push(...latencyTests(summary, thresholds, timing), ...runWideThresholdTests(summary, thresholds, runSpan));
  const problem = runProblem(summary);
  if (problem)
    tests.push({
      kind: 'run',
      fullName: `${summary.suite} run`,
      name: 'run completed',
      group: 'run',
      status: 'broken',
      message: problem,
      span: runSpan,
    });
  return tests;
}

/** The run's verdict: it passes when no test failed or broke. */
export const runPassed = (tests: readonly ReportTest[]) =>
  tests.every((t) => t.status !== 'failed' && t.status !== 'broken');

export function runCounts(tests: readonly ReportTest[], checks: readonly CheckRow[]): RunCounts {
  const count = <T>(xs: readonly T[], p: (x: T) => boolean) => xs.filter(p).length;
  const checkTests = tests.filter((t) => t.kind === 'check');
  return {
    checks: {
      total: checkTests.length,
      passed: count(checkTests, (t) => t.status === 'passed' && !(t.check && t.check.fails > 0)),
      failed: count(checkTests, (t) => t.status === 'failed'),
      broken: count(checkTests, (t) => t.status === 'broken'),
      warned: count(checkTests, (t) => t.status === 'passed' && !!t.check && t.check.fails > 0),
      notRun: count(checkTests, (t) => t.status === 'skipped' && !t.check?.expectedFailure),
      expectedFailures: count(checkTests, (t) => t.status === 'skipped' && !!t.check?.expectedFailure),
    },
    evaluations: checks.reduce((n, c) => n + c.passes + c.fails, 0),
    tests: {
      total: tests.length,
      passed: count(tests, (t) => t.status === 'passed'),
      failed: count(tests, (t) => t.status === 'failed'),
      broken: count(tests, (t) => t.status === 'broken'),
      skipped: count(tests, (t) => t.status === 'skipped'),
    },
  };
}
