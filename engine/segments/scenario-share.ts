import type { ScenarioConfig } from '../scenarios.ts';
import type { ExecutionTuple } from './execution-tuple.ts';

/**
 * A scenario's share of the test in this instance's execution segment, as k6's executors scale
 * themselves by the execution tuple. Without segments, the scenario as written.
 */
export interface ScenarioShare {
  /** The VUs initialised before the test starts: all the scenario can use, or an arrival-rate scenario's preAllocatedVUs. */
  plannedVus: number;
  /** The most VUs the scenario has at once. */
  maxVus: number;
  /** shared-iterations: the iterations this instance runs; per-vu-iterations: each VU's. */
  iterations: number;
  /** The run's tuple: ramping-vus plans which of the test's VUs are this instance's by it. */
  tuple: ExecutionTuple;
  /** The tuple that stripes the scenario's iterations: their numbers in the test, and arrival-rate's start times. */
  iterationTuple: ExecutionTuple;
}

/** The scenario's share in `tuple`'s segment; undefined when it has none, and k6 does not run it there. */
export function scenarioShare(c: ScenarioConfig, tuple: ExecutionTuple): ScenarioShare | undefined {
  const share = (maxVus: number, own: Partial<ScenarioShare> = {}): ScenarioShare | undefined =>
    maxVus > 0 ? { plannedVus: maxVus, maxVus, iterations: 0, tuple, iterationTuple: tuple, ...own } : undefined;
  switch (c.executor) {
    case 'shared-iterations': {
      // The iterations are shared out as the VUs are: striped over the sequence k6 re-segments by the
      // VU count, so that a segment with a third of the VUs runs a third of the iterations.
      const iterationTuple = tuple.resegmented(c.vus);
      const iterations = iterationTuple?.scale(c.iterations) ?? 0;
      return iterations > 0 ? share(tuple.scale(c.vus), { iterations, iterationTuple }) : undefined;
    }
    case 'per-vu-iterations':
      return c.iterations > 0 ? share(tuple.scale(c.vus), { iterations: c.iterations }) : undefined;
    case 'constant-vus':
      return share(tuple.scale(c.vus));
    case 'ramping-vus':
      return share(tuple.scale(Math.max(c.startVUs, ...c.stages.map((s) => s.target))));
    case 'constant-arrival-rate':
    case 'ramping-arrival-rate': {
      // The iterations are striped over the sequence re-segmented by maxVUs, so that a segment starts
      // iterations in proportion to the VUs it may have (none: the segment has no maxVUs either).
      const iterationTuple = tuple.resegmented(c.maxVUs);
      return (
        iterationTuple && share(tuple.scale(c.maxVUs), { plannedVus: tuple.scale(c.preAllocatedVUs), iterationTuple })
      );
    }
  }
}

export interface SegmentedScenario {
  config: ScenarioConfig;
  share: ScenarioShare;
}

/** The scenarios this instance runs, each with its share; those with none are left out, as k6 leaves them. */
export function segmentedScenarios(configs: ScenarioConfig[], tuple: ExecutionTuple): SegmentedScenario[] {
  return configs.flatMap((config) => {
    const share = scenarioShare(config, tuple);
    return share ? [{ config, share }] : [];
  });
}
