// handleSummary for every suite: the k6 summary data goes to <HARNESS_OUT>/k6-summary.json for the
// harness to turn into summary.json, JUnit and Allure; the terminal gets a one-line verdict (the
// harness prints the full table).

interface SummaryData {
  root_group: unknown;
  metrics: Record<string, { values: Record<string, number> }>;
}

export function summaryOutputs(data: SummaryData, suite: string): Record<string, string> {
  const dir = __ENV.HARNESS_OUT || 'out/raw';
  const checks = data.metrics.checks?.values;
  const line = checks
    ? `${suite}: ${checks.passes} checks passed, ${checks.fails} failed\n`
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
