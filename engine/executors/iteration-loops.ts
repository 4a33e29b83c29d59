// The three closed-model executors whose VUs simply loop: shared-iterations, per-vu-iterations and
// constant-vus. They differ only in when a VU may start its next iteration.
import type { Vu } from '../vu.ts';
import type { ScenarioRun } from './scenario-run.ts';

async function loopVus(s: ScenarioRun, mayStart: (vu: Vu) => boolean, endAfterMs: number): Promise<void> {
  const vus = s.begin();
  const endAt = s.startedAt + endAfterMs;
  const loops = vus.map(async (vu) => {
    s.run.addActiveVus(1);
    try {
      await s.iterateWhile(vu, () => mayStart(vu));
    } finally {
      s.run.addActiveVus(-1);
    }
  });
  await s.finish(Promise.all(loops), endAt);
}

/** A fixed number of iterations shared by the VUs, each taking the next as soon as it is free. */
export function sharedIterations(s: ScenarioRun): Promise<void> {
  let started = 0;
  return loopVus(s, () => started++ < s.config.iterations, s.config.maxDurationMs);
}

/** Each VU runs exactly `iterations` iterations. */
export function perVuIterations(s: ScenarioRun): Promise<void> {
  const counts = new Map<Vu, number>();
  return loopVus(
    s,
    (vu) => {
      const n = counts.get(vu) ?? 0;
      counts.set(vu, n + 1);
      return n < s.config.iterations;
    },
    s.config.maxDurationMs,
  );
}

/** A fixed number of VUs looping for a fixed duration. */
export function constantVus(s: ScenarioRun): Promise<void> {
  return loopVus(s, () => performance.now() < s.startedAt + s.config.durationMs, s.config.durationMs);
}
