import type { RunSummary, ThresholdRow } from './run-summary.ts';

/**
 * The thresholds that judge the run. Those of the form `…>=0` only make k6 keep a per-endpoint
 * submetric in its summary (lib/summary-outputs.ts): they cannot be crossed and are not tests.
 */
export function realThresholds(summary: RunSummary): ThresholdRow[] {
  return (summary.thresholds ?? []).filter((t) => !/>=\s*0$/.test(t.expression));
}
