import exec from 'k6/execution';
import { Rate } from 'k6/metrics';
import type { Check } from '../../checks/check.ts';
import type { Exchange } from '../../checks/exchange.ts';
import { recordChecks } from '../record-checks.ts';
import type { CheckCell } from '../k6-and-node/result-protocol.ts';
import { CONFORMANCE_ERRORS_METRIC } from './measured-thresholds.ts';

// Correctness under load: one iteration in N of each scenario (a flow in one phase), the first one
// included, has its responses go through the same conformance checks the conformance suite applies;
// the rest only count toward latency and http_req_failed. `conformance_errors` is the share of
// sampled responses that failed a check.

const conformanceErrors = new Rate(CONFORMANCE_ERRORS_METRIC);

/**
 * Whether this iteration is sampled. Counted over the scenario's iterations across all its VUs
 * (k6's exec.scenario.iterationInTest): a VU's own count would sample every VU's first iteration,
 * far more than one in N when an arrival-rate scenario spreads its iterations over many VUs.
 */
export function takeSample(every: number): boolean {
  return exec.scenario.iterationInTest % every === 0;
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
