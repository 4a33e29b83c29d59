import { Rate } from 'k6/metrics';
import type { Check } from '../../checks/check.ts';
import type { Exchange } from '../../checks/exchange.ts';
import { recordChecks } from '../record-checks.ts';
import type { CheckCell } from '../result-protocol.ts';
import { CONFORMANCE_ERRORS_METRIC } from './measured-thresholds.ts';

// Correctness under load: one response in N (per flow and VU, the first one included) goes through
// the same conformance checks the conformance suite applies; the rest only count toward latency and
// http_req_failed. `conformance_errors` is the share of sampled responses that failed a check.

const conformanceErrors = new Rate(CONFORMANCE_ERRORS_METRIC);
const counters: Record<string, number> = {};

export function takeSample(flow: string, every: number): boolean {
  const n = (counters[flow] = (counters[flow] ?? 0) + 1);
  return (n - 1) % every === 0;
}

/** Runs the check sets on a sampled response; returns whether every failure-severity check passed. */
export async function checkSample<Input>(
  flow: string,
  cell: CheckCell,
  sets: readonly (readonly Check<Input>[])[],
  input: Input,
  exchange: Exchange,
): Promise<boolean> {
  let ok = true;
  for (const checks of sets) ok = (await recordChecks(cell, checks, input, exchange, flow)) && ok;
  conformanceErrors.add(!ok, { endpoint: cell.endpoint });
  return ok;
}
