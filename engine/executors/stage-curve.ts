import type { Stage } from '../scenarios.ts';

/** The value of a k6 stage curve (VUs or rate) at `elapsedMs`: linear within each stage. */
export function stageValueAt(start: number, stages: Stage[], elapsedMs: number): number {
  let from = start;
  let t = elapsedMs;
  for (const stage of stages) {
    if (t < stage.durationMs) return from + ((stage.target - from) * t) / stage.durationMs;
    t -= stage.durationMs;
    from = stage.target;
  }
  return from;
}

/**
 * The start offsets (ms) of an arrival-rate schedule: iteration k starts when the integral of the rate
 * curve reaches k, so iteration 0 starts at 0 and a constant rate r per unit gives one every unit/r.
 */
export function* arrivalOffsets(startRate: number, stages: Stage[], timeUnitMs: number): Generator<number> {
  let k = 0;
  let stageStart = 0;
  let cumulative = 0;
  let from = startRate / timeUnitMs;
  for (const stage of stages) {
    const to = stage.target / timeUnitMs;
    const d = stage.durationMs;
    const stageCount = ((from + to) / 2) * d;
    // Within the stage, count(t) = from·t + (to − from)·t²/(2d); solve count(t) = k − cumulative.
    const a = (to - from) / (2 * d);
    while (k < cumulative + stageCount - 1e-9) {
      const n = k - cumulative;
      const t = Math.abs(a) < 1e-15 ? n / from : (-from + Math.sqrt(from * from + 4 * a * n)) / (2 * a);
      yield stageStart + t;
      k++;
    }
    cumulative += stageCount;
    stageStart += d;
    from = to;
  }
}
