import { parseCheckResultName } from './k6-and-node/result-protocol.ts';

// handleSummary for every suite: the k6 summary data goes to <HARNESS_OUT>/k6-summary.json for the
// harness to turn into summary.json, JUnit and Allure; the terminal gets a one-line verdict (the
// harness prints the full table).

interface SummaryGroup {
  groups: SummaryGroup[];
  checks: { name: string; passes: number; fails: number }[];
}

interface SummaryData {
  root_group: SummaryGroup;
  metrics: Record<string, { values: Record<string, number> }>;
}

/** Fails per check as the harness's reports count checks: one per check id × endpoint × credential method. */
function failsByCheck(group: SummaryGroup, into = new Map<string, number>()): Map<string, number> {
  for (const c of group.checks) if (parseCheckResultName(c.name)) into.set(c.name, (into.get(c.name) ?? 0) + c.fails);
  for (const g of group.groups) failsByCheck(g, into);
  return into;
}

export function summaryOutputs(data: SummaryData, suite: string): Record<string, string> {
  const dir = __ENV.HARNESS_OUT || 'out/raw';
  const evaluations = data.metrics.checks?.values;
  const checks = [...failsByCheck(data.root_group).values()];
  const failed = checks.filter((fails) => fails > 0).length;
  // A check is evaluated once per response it judges: the evaluations are named, not counted as checks.
  const line = checks.length
    ? `${suite}: ${checks.length} checks (${(evaluations?.passes ?? 0) + (evaluations?.fails ?? 0)} evaluations): ${checks.length - failed} passed every evaluation, ${failed} failed at least once\n`
    : `${suite}: no checks ran\n`;
  return { [`${dir}/k6-summary.json`]: JSON.stringify(data), stdout: line };
}

/** Thresholds that make k6 keep per-endpoint submetrics (it only keeps tagged ones it is asked for). */
export function perEndpointThresholds(endpoints: string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const endpoint of endpoints) {
    out[`http_req_duration{endpoint:${endpoint}}`] = ['max>=0'];
    out[`http_reqs{endpoint:${endpoint}}`] = ['count>=0'];
    out[`http_req_failed{endpoint:${endpoint}}`] = ['rate>=0'];
  }
  return out;
}

export const SUMMARY_TREND_STATS = ['avg', 'min', 'med', 'max', 'p(50)', 'p(90)', 'p(95)', 'p(99)', 'count'];
