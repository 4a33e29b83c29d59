import { MEASURED } from '../k6-and-node/load-shapes.ts';
import type { ThresholdSpec } from '../k6-and-node/load-settings.ts';

// k6 thresholds on the measured phase only. Each endpoint gets its own submetrics (which also makes
// k6 keep them for the report); a user threshold without an endpoint applies to every endpoint.

export const CONFORMANCE_ERRORS_METRIC = 'conformance_errors';

export function measuredThresholds(
  endpoints: readonly string[],
  specs: readonly ThresholdSpec[],
  abortOnFail: boolean,
): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  const add = (key: string, expression: string) => {
    const entry = abortOnFail ? { threshold: expression, abortOnFail: true, delayAbortEval: '5s' } : expression;
    (out[key] ??= []).push(entry);
  };
  for (const endpoint of endpoints) {
    const filter = `{endpoint:${endpoint},phase:${MEASURED}}`;
    out[`http_req_duration${filter}`] = ['max>=0'];
    out[`http_reqs${filter}`] = ['count>=0'];
    out[`http_req_failed${filter}`] = ['rate>=0'];
    for (const spec of specs) {
      if (spec.endpoint && spec.endpoint !== endpoint) continue;
      add(`${spec.metric === 'error_rate' ? 'http_req_failed' : 'http_req_duration'}${filter}`, spec.expression);
    }
  }
  out[`${CONFORMANCE_ERRORS_METRIC}{phase:${MEASURED}}`] = ['rate>=0'];
  // Kept for --find-max, which stops raising the rate at the first 429, and tells a target that did
  // not answer at all (k6 tags a request that got no response with status 0) from one that slowed.
  out['http_reqs{status:429}'] = ['count>=0'];
  out[`http_reqs{status:0,phase:${MEASURED}}`] = ['count>=0'];
  return out;
}
