import type { Stage } from '../scenarios.ts';

/**
 * The start offsets (ms) of constant-arrival-rate's iterations: one every timeUnit/rate, the first at
 * once, as k6's ticker schedules them.
 */
export function* constantArrivalOffsets(rate: number, timeUnitMs: number): Generator<number> {
  const period = timeUnitMs / rate;
  for (let k = 0; ; k++) yield k * period;
}

/**
 * The start offsets (ms) of ramping-arrival-rate's iterations, as k6 works them out: iteration n (from
 * 1) starts when the area under the rate curve, linear within each stage, reaches n. So a constant rate
 * r per unit starts its first iteration after unit/r, not at once, unlike constant-arrival-rate.
 */
export function* rampingArrivalOffsets(startRate: number, stages: Stage[], timeUnitMs: number): Generator<number> {
  let n = 1;
  let stageStart = 0;
  let doneBefore = 0;
  let from = startRate / timeUnitMs;
  for (const stage of stages) {
    const to = stage.target / timeUnitMs;
    const d = stage.durationMs;
    const doneAfter = doneBefore + ((from + to) / 2) * d;
    // Within the stage, area(t) = from·t + (to − from)·t²/(2d); solve area(t) = n − doneBefore.
    for (; n <= doneAfter + 1e-9; n++) {
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
 * ramping-vus's plan as k6 makes it: within a stage the VU count moves one VU at a time, linearly, a
 * VU added when the curve reaches it and one taken out when the curve falls to the count below it; a
 * stage of no duration jumps to its target at its end; after the last stage no VU loops.
 */
export function rampingVuSteps(startVUs: number, stages: Stage[]): VuStep[] {
  const steps: VuStep[] = [{ atMs: 0, vus: startVUs }];
  const add = (atMs: number, vus: number) => {
    if (steps[steps.length - 1].vus !== vus) steps.push({ atMs, vus });
  };
  let from = startVUs;
  let end = 0;
  for (const stage of stages) {
    end += stage.durationMs;
    const diff = stage.target - from;
    if (diff === 0) continue;
    if (stage.durationMs === 0) add(end, stage.target);
    else {
      const step = Math.sign(diff);
      for (let vus = from + step; vus !== stage.target + step; vus += step)
        add(end - (stage.durationMs * (stage.target - vus)) / diff, vus);
    }
    from = stage.target;
  }
  add(end, 0);
  return steps;
}
