import { fixedLengthDuration, fixedLengthInt, goDuration } from '../progress/go-durations.ts';
import type { Vu } from '../vu.ts';
import type { ScenarioRun } from './scenario-run.ts';
import { rampingVuSteps } from './stage-curve.ts';

/**
 * k6's ramping-vus: the number of looping VUs follows the stages from startVUs, one VU at a time (see
 * rampingVuSteps). A VU taken out on the way down finishes its iteration, unless that outlasts
 * gracefulRampDown; brought back while it still runs one, it carries on. At the end of the stages no
 * VU starts another iteration, and the running ones get gracefulStop.
 */
export async function rampingVus(s: ScenarioRun): Promise<void> {
  const { startVUs, stages, gracefulRampDownMs } = s.config;
  const steps = rampingVuSteps(startVUs, stages, s.share.tuple);
  const regularMs = steps[steps.length - 1].atMs;
  const maxVus = s.plannedVus.length;
  const planned = s.begin(() => {
    const spent = s.spentMs;
    const vus = `${fixedLengthInt(s.activeVus, maxVus)}/${maxVus} VUs`;
    if (spent > regularMs) return { progress: 1, right: [vus, goDuration(regularMs)] };
    return {
      progress: spent / regularMs,
      right: [vus, `${fixedLengthDuration(spent, regularMs)}/${fixedLengthDuration(regularMs, regularMs)}`],
    };
  });
  const endAt = s.startedAt + regularMs;
  // One handle per planned VU (the most the stages reach), started and stopped from the top.
  const handles = planned.map((vu) => new VuHandle(s, vu));
  let looping = 0;

  const controller = (async () => {
    for (const step of steps) {
      await s.waitUntil(s.startedAt + step.atMs);
      if (!s.canStart()) return;
      const last = step === steps[steps.length - 1];
      while (looping < step.vus && handles[looping].start()) looping++;
      while (looping > step.vus) handles[--looping].stop(last ? undefined : gracefulRampDownMs);
    }
  })();
  await s.finish(controller, endAt);
}

/** One of ramping-vus's VU places: looping, finishing its iteration after a ramp-down, or idle. */
class VuHandle {
  private on = false;
  private loop: Promise<void> | undefined;
  private rampDown: NodeJS.Timeout | undefined;

  constructor(
    private readonly s: ScenarioRun,
    private vu: Vu,
  ) {}

  /** False when no VU could be had (a new one's init code threw: the run is stopping). */
  start(): boolean {
    this.on = true;
    clearTimeout(this.rampDown);
    if (this.loop) return true;
    // A VU cut off after gracefulRampDown may still be running its iteration: a new one stands in for it.
    if (this.vu.abandoned) {
      const vu = this.s.newVu();
      if (!vu) return false;
      this.vu = vu;
    }
    const vu = this.vu;
    this.s.addActiveVus(1);
    this.loop = this.s
      .iterateWhile(vu, () => this.on)
      .finally(() => {
        this.s.addActiveVus(-1);
        clearTimeout(this.rampDown);
        this.loop = undefined;
      });
    return true;
  }

  /** No more iterations; a running one is cut off after `graceMs` (none: the scenario's gracefulStop decides). */
  stop(graceMs: number | undefined): void {
    this.on = false;
    const vu = this.vu;
    if (graceMs !== undefined && this.s.isBusy(vu)) this.rampDown = setTimeout(() => this.s.abandon(vu), graceMs);
  }
}
