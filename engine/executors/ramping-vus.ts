import type { Vu } from '../vu.ts';
import type { ScenarioRun } from './scenario-run.ts';
import { stageValueAt } from './stage-curve.ts';

// How often the VU count is adjusted to the stage curve.
const TICK_MS = 50;

/**
 * k6's ramping-vus: the number of looping VUs follows the stages linearly from startVUs. A VU taken
 * out on the way down finishes its iteration, unless that outlasts gracefulRampDown.
 */
export async function rampingVus(s: ScenarioRun): Promise<void> {
  const { startVUs, stages, gracefulRampDownMs } = s.config;
  const total = stages.reduce((t, st) => t + st.durationMs, 0);
  // Its planned VUs (the most the stages reach), idle until the curve calls for them.
  const idle: Vu[] = [...s.begin()].reverse();
  const endAt = s.startedAt + total;
  const active: { vu: Vu; on: boolean; loop: Promise<void> }[] = [];
  const loops: Promise<void>[] = [];

  /** False when no VU could be had (a new one's init code threw: the run is stopping). */
  const activate = (): boolean => {
    // A VU cut off on a ramp-down is not reused: a new one stands in for it.
    const vu = idle.pop() ?? s.newVu();
    if (!vu) return false;
    const entry = { vu, on: true, loop: Promise.resolve() };
    entry.loop = (async () => {
      s.run.addActiveVus(1);
      try {
        await s.iterateWhile(vu, () => entry.on);
      } finally {
        s.run.addActiveVus(-1);
      }
      if (!vu.abandoned) idle.push(vu);
    })();
    active.push(entry);
    loops.push(entry.loop);
    return true;
  };
  const deactivate = () => {
    const entry = active.pop();
    if (!entry) return;
    entry.on = false;
    if (s.isBusy(entry.vu)) {
      const timer = setTimeout(() => s.abandon(entry.vu), gracefulRampDownMs);
      void entry.loop.finally(() => clearTimeout(timer));
    }
  };

  const controller = (async () => {
    while (s.canStart()) {
      const elapsed = performance.now() - s.startedAt;
      if (elapsed >= total) break;
      const want = Math.floor(stageValueAt(startVUs, stages, elapsed));
      while (active.length < want && activate());
      while (active.length > want) deactivate();
      await s.waitFor(TICK_MS);
    }
    while (active.length) deactivate();
    await Promise.all(loops);
  })();
  await s.finish(controller, endAt);
}
