// The three closed-model executors whose VUs simply loop: shared-iterations, per-vu-iterations and
// constant-vus. They differ only in when a VU may start its next iteration, and in their progress bars.
import { fixedLengthDuration, fixedLengthInt, goDuration } from '../progress/go-durations.ts';
import type { BarState } from '../progress/scenario-bar.ts';
import type { Vu } from '../vu.ts';
import type { ScenarioRun } from './scenario-run.ts';

async function loopVus(
  s: ScenarioRun,
  mayStart: (vu: Vu) => boolean,
  endAfterMs: number,
  describe: () => BarState,
): Promise<void> {
  const vus = s.begin(describe);
  const endAt = s.startedAt + endAfterMs;
  const loops = vus.map(async (vu) => {
    s.addActiveVus(1);
    try {
      await s.iterateWhile(vu, () => mayStart(vu));
    } finally {
      s.addActiveVus(-1);
    }
  });
  await s.finish(Promise.all(loops), endAt);
}

/** `spent/total` of a clock, or the total alone once it is over when `totalOnceOver`. */
function clock(s: ScenarioRun, totalMs: number, totalOnceOver: boolean): string {
  const spent = s.spentMs;
  if (totalOnceOver && spent > totalMs) return goDuration(totalMs);
  return `${fixedLengthDuration(spent, totalMs)}/${goDuration(totalMs)}`;
}

/**
 * A fixed number of iterations shared by the VUs, each taking the next as soon as it is free. Those not
 * started within maxDuration are dropped (`dropped_iterations`), as in k6.
 */
export async function sharedIterations(s: ScenarioRun): Promise<void> {
  const { maxDurationMs } = s.config;
  const { maxVus: vus, iterations } = s.share;
  let started = 0;
  await loopVus(
    s,
    () => started++ < iterations,
    maxDurationMs,
    () => ({
      progress: s.iterationsEnded / iterations,
      right: [
        `${fixedLengthInt(vus, vus)} VUs`,
        clock(s, maxDurationMs, false),
        `${fixedLengthInt(s.iterationsEnded, iterations)}/${iterations} shared iters`,
      ],
    }),
  );
  const dropped = iterations - Math.min(started, iterations);
  if (dropped > 0) s.run.metrics.add('dropped_iterations', dropped, s.metricTags());
}

/** Each VU runs exactly `iterations` iterations; those it could not start within maxDuration are dropped. */
export async function perVuIterations(s: ScenarioRun): Promise<void> {
  const { maxDurationMs } = s.config;
  const { maxVus: vus, iterations } = s.share;
  const total = vus * iterations;
  const counts = new Map<Vu, number>();
  const mayStart = (vu: Vu) => {
    const n = counts.get(vu) ?? 0;
    counts.set(vu, n + 1);
    return n < iterations;
  };
  await loopVus(s, mayStart, maxDurationMs, () => ({
    progress: s.spentMs > maxDurationMs ? 1 : s.iterationsEnded / total,
    right: [
      `${fixedLengthInt(vus, vus)} VUs`,
      clock(s, maxDurationMs, true),
      `${fixedLengthInt(s.iterationsEnded, total)}/${total} iters, ${iterations} per VU`,
    ],
  }));
  for (const vu of s.plannedVus) {
    const dropped = iterations - Math.min(counts.get(vu) ?? 0, iterations);
    if (dropped > 0) s.run.metrics.add('dropped_iterations', dropped, s.metricTags());
  }
}

/** A fixed number of VUs looping for a fixed duration. */
export function constantVus(s: ScenarioRun): Promise<void> {
  const { durationMs } = s.config;
  const vus = s.share.maxVus;
  return loopVus(
    s,
    () => performance.now() < s.startedAt + durationMs,
    durationMs,
    () => ({
      progress: Math.min(1, s.spentMs / durationMs),
      right: [`${vus} VUs`, clock(s, durationMs, true)],
    }),
  );
}
