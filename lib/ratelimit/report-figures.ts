import { DOCUMENTED_BURST_METRIC, FIRST_REJECTION_METRIC } from './check-rate-limited-endpoint.ts';

/** Thresholds that only make k6 keep the per-endpoint figures of the rate-limit report. */
export function rateLimitFigureThresholds(labels: string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const label of labels) {
    out[`${FIRST_REJECTION_METRIC}{endpoint:${label}}`] = ['value>=0'];
    out[`${DOCUMENTED_BURST_METRIC}{endpoint:${label}}`] = ['value>=0'];
  }
  return out;
}
