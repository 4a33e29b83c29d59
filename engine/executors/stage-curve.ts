import type { Stage } from '../scenarios.ts';
import { ExecutionTuple } from '../segments/execution-tuple.ts';
import { SegmentedIndex } from '../segments/segmented-index.ts';

/**
 * The start offsets (ms) of constant-arrival-rate's iterations: the test's k-th (from 0) at k·timeUnit/rate,
 * the first at once, as k6's ticker schedules them; of those, the ones `tuple`'s segment owns.
 */
export function* constantArrivalOffsets(
  rate: number,
  timeUnitMs: number,
  tuple = ExecutionTuple.WHOLE_TEST,
): Generator<number> {
  const period = timeUnitMs / rate;
  const index = new SegmentedIndex(tuple.stripe());
  for (;;) yield (index.next().global - 1) * period;
}

/**
 * The start offsets (ms) of ramping-arrival-rate's iterations, as k6 works them out: the test's iteration
 * n (from 1) starts when the area under the rate curve, linear within each stage, reaches n. So a
 * constant rate r per unit starts its first iteration after unit/r, not at once, unlike
 * constant-arrival-rate. Of those, the ones `tuple`'s segment owns.
 */
export function* rampingArrivalOffsets(
  startRate: number,
  stages: Stage[],
  timeUnitMs: number,
  tuple = ExecutionTuple.WHOLE_TEST,
): Generator<number> {
  const index = new SegmentedIndex(tuple.stripe());
  let n = index.next().global;
  let stageStart = 0;
  let doneBefore = 0;
  let from = startRate / timeUnitMs;
  for (const stage of stages) {
    const to = stage.target / timeUnitMs;
    const d = stage.durationMs;
    const doneAfter = doneBefore + ((from + to) / 2) * d;
    // Within the stage, area(t) = from·t + (to − from)·t²/(2d); solve area(t) = n − doneBefore.
    for (; n <= doneAfter + 1e-9; n = index.next().global) {
      const area = n - doneBefore;
      const t =
        from === to
          ? area / to
          : (from * d - Math.sqrt(Math.max(0, d * (from * from * d + 2 * area * (to - from))))) / (from - to);
      yield stageStart + t;
    }
    doneBefore = doneAfter;
    stageStart += d;
    from = to;
  }
}

/** A moment of ramping-vus's plan: from `atMs` on, `vus` VUs loop. */
export interface VuStep {
  atMs: number;
  vus: number;
}

/**
 * ramping-vus's plan as k6 makes it: within a stage the test's VU count moves one VU at a time, linearly,
 * a VU added when the curve reaches it and one taken out when the curve falls to the count below it; a
 * stage of no duration jumps to its target at its end; after the last stage no VU loops. `tuple`'s
 * segment runs the test's VUs it owns, so its count moves only when one of its own is added or taken
 * out, and the segments' counts add up to the test's at every moment.
 */
export function rampingVuSteps(startVUs: number, stages: Stage[], tuple = ExecutionTuple.WHOLE_TEST): VuStep[] {
  // `index.global` is the test's VU number of this segment's last VU (or, ramping up, of its next one).
  const index = new SegmentedIndex(tuple.stripe()).goTo(startVUs);
  const steps: VuStep[] = [{ atMs: 0, vus: index.local }];
  const add = (atMs: number, vus: number) => {
    if (steps[steps.length - 1].vus !== vus) steps.push({ atMs, vus });
  };
  let from = startVUs;
  let end = 0;
  for (const stage of stages) {
    end += stage.durationMs;
    const diff = stage.target - from;
    from = stage.target;
    if (diff === 0) continue;
    const d = stage.durationMs;
    if (d === 0) add(end, index.goTo(stage.target).local);
    else if (index.global > stage.target) {
      // The test's VU n goes when the curve falls to n − 1.
      for (; index.global > stage.target; index.previous())
        add(end - (d * (stage.target - index.global + 1)) / diff, index.local - 1);
    } else {
      // The test's VU n comes when the curve reaches n.
      for (; index.global <= stage.target; index.next())
        add(end - (d * (stage.target - index.global)) / diff, index.local);
    }
  }
  add(end, 0);
  return steps;
}
