import type { LogLevel } from '../logger.ts';
import type { Tags } from '../metrics/metric-type.ts';
import { ScenarioBar, type BarState } from '../progress/scenario-bar.ts';
import type { RunState } from '../run-state.ts';
import type { ScenarioConfig } from '../scenarios.ts';
import { plannedDurationMs } from '../scenarios.ts';
import type { ScenarioShare } from '../segments/scenario-share.ts';
import { SegmentedIndex } from '../segments/segmented-index.ts';
import type { Vu } from '../vu.ts';
import type { VuSpawner } from '../vu-spawner.ts';
import type { ScenarioProgress } from '../vu-state.ts';

/** What every executor needs: the run, setup()'s data, and a way to initialise VUs. */
export interface ExecutionContext {
  run: RunState;
  data: unknown;
  vus: VuSpawner;
}

/**
 * One scenario in progress, with k6's stopping rules: once its time is up (or the run is stopped) no
 * new iteration starts; running ones get `gracefulStop` to finish, after which they are cut off and
 * counted as interrupted.
 */
export class ScenarioRun {
  readonly progress: ScenarioProgress;
  /** Its line in the progress display. */
  readonly bar: ScenarioBar;
  startedAt = performance.now();
  /** Iterations of this scenario that ended, completed or not (what k6's progress bars count). */
  iterationsEnded = 0;
  private closed = false;
  private readonly slots = new Map<Vu, VuSlot>();
  private planned: Vu[] = [];
  /** Iterations running now, and who waits for the count to reach zero (finish()). */
  private running = 0;
  private active = 0;
  private whenIdle: (() => void) | undefined;
  /** Numbers the scenario's iterations: this instance's n-th is the test's m-th (exec.scenario.iterationIn*). */
  private readonly iterationNumbers: SegmentedIndex;

  /** `share`: what of the scenario this instance runs (all of it, unless the run is segmented). */
  constructor(
    readonly ctx: ExecutionContext,
    readonly config: ScenarioConfig,
    readonly share: ScenarioShare,
  ) {
    this.iterationNumbers = new SegmentedIndex(share.iterationTuple.stripe());
    const planned = plannedDurationMs(config);
    this.bar = new ScenarioBar(config.name);
    this.progress = {
      config,
      startedAtEpochMs: Date.now(),
      progress: () => Math.min(1, planned > 0 ? (performance.now() - this.startedAt) / planned : 1),
    };
  }

  /**
   * Initialises the scenario's planned VUs, as k6 does for every scenario before setup() runs (VUs on
   * host threads take a moment to start). Rejects with a VuInitError when one's init code throws.
   */
  async initialise(): Promise<void> {
    // One promise per VU, so that every failure has a handler: a VU here throws from its init code at
    // once, one on a host thread through its `ready`.
    const ready = Array.from({ length: this.share.plannedVus }, async () => {
      const vu = this.ctx.vus.create(this.progress);
      this.planned.push(vu);
      await vu.ready;
    });
    await Promise.all(ready);
  }

  /**
   * Waits for the scenario's startTime, from the start of the run; resolves at once when the run is
   * stopped, which then never starts the scenario.
   */
  async waitForStartTime(): Promise<void> {
    if (this.config.startTimeMs <= 0) return;
    this.bar.waiting(this.config.startTimeMs, performance.now());
    await this.waitFor(this.config.startTimeMs);
  }

  /**
   * Starts the scenario's clock, its progress described by `describe` from now on; its planned VUs
   * are ready.
   */
  begin(describe: () => BarState): Vu[] {
    this.startedAt = performance.now();
    this.progress.startedAtEpochMs = Date.now();
    this.bar.running(describe);
    return this.planned;
  }

  /** The VUs initialised for the scenario before the test started. */
  get plannedVus(): readonly Vu[] {
    return this.planned;
  }

  /** The tags of the samples the executor itself records (dropped_iterations): the run's and `scenario`. */
  metricTags(): Tags {
    return { ...this.run.runTags, scenario: this.config.name };
  }

  /** How long the scenario has run. */
  get spentMs(): number {
    return performance.now() - this.startedAt;
  }

  /** Iterations running now. */
  get iterationsRunning(): number {
    return this.running;
  }

  /** VUs of the scenario that are active now (looping, or running an arrival-rate iteration). */
  get activeVus(): number {
    return this.active;
  }

  /** A VU of the scenario becomes active (1) or idle (-1): the run's count, which `vus` samples, follows. */
  addActiveVus(delta: 1 | -1): void {
    this.active += delta;
    this.run.addActiveVus(delta);
  }

  get run(): RunState {
    return this.ctx.run;
  }

  /** Logs as k6's executors do: with the scenario's name and its executor. */
  log(level: LogLevel, message: string): void {
    this.run.log(level, message, { executor: this.config.executor, scenario: this.config.name });
  }

  /**
   * A VU initialised mid-test (an arrival-rate scenario beyond its preAllocatedVUs). One whose init
   * code throws stops the run, which then ends with exit code 107 as in k6; undefined when it threw here.
   */
  newVu(): Vu | undefined {
    const failed = (error: unknown) => {
      this.log('error', (error as Error).message);
      this.run.stop({ kind: 'vu-init', message: (error as Error).message });
    };
    try {
      const vu = this.ctx.vus.create(this.progress);
      vu.ready.catch(failed);
      return vu;
    } catch (error) {
      failed(error);
      return undefined;
    }
  }

  canStart(): boolean {
    return !this.closed && !this.ctx.run.stopping;
  }

  /** Runs one iteration on `vu`; resolves when it ends or when it is cut off. */
  iterate(vu: Vu): Promise<void> {
    return new Promise((resolve) => {
      const slot = this.slotOf(vu);
      slot.next = resolve;
      this.start(vu, slot);
    });
  }

  /**
   * Runs iterations on `vu` back to back while the scenario may start them and `more()` holds;
   * resolves once the VU stops (its last iteration ended, or it was cut off). The next iteration starts
   * from the previous one's end callback: no promise or await per iteration in the closed executors'
   * loop. An iteration that ended synchronously (a script without awaits) starts the next one on a
   * microtask, so that the other VUs get their turn as they did with an awaited loop.
   */
  iterateWhile(vu: Vu, more: () => boolean): Promise<void> {
    return new Promise((resolve) => {
      const slot = this.slotOf(vu);
      const step = () => {
        if (vu.abandoned || !this.canStart() || !more()) return resolve();
        this.start(vu, slot);
      };
      slot.next = () => (slot.starting ? queueMicrotask(step) : step());
      step();
    });
  }

  isBusy(vu: Vu): boolean {
    return this.slots.get(vu)?.running ?? false;
  }

  /** Cuts off the VU's running iteration: counted as interrupted, the VU is not reused. */
  abandon(vu: Vu): void {
    const slot = this.slots.get(vu);
    if (!slot?.running) return;
    vu.abandoned = true;
    this.run.iterationEnded(false);
    slot.ended();
  }

  private slotOf(vu: Vu): VuSlot {
    let slot = this.slots.get(vu);
    if (!slot) this.slots.set(vu, (slot = new VuSlot(this)));
    return slot;
  }

  private start(vu: Vu, slot: VuSlot): void {
    slot.running = true;
    this.running++;
    slot.starting = true;
    const n = this.iterationNumbers.next();
    vu.iterate(this.config.exec, this.ctx.data, n.local - 1, n.global - 1, slot.ended);
    slot.starting = false;
  }

  /** A slot's iteration has ended or was cut off. */
  iterationEnded(): void {
    this.iterationsEnded++;
    if (--this.running === 0) this.whenIdle?.();
  }

  /** Resolves at `atMs` (performance time), or earlier when the run is stopped. */
  waitUntil(atMs: number): Promise<void> {
    return this.waitFor(atMs - performance.now());
  }

  waitFor(ms: number): Promise<void> {
    if (this.run.stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, Math.max(0, ms));
      const unsubscribe = this.run.onStop(done);
      function done() {
        clearTimeout(timer);
        unsubscribe();
        resolve();
      }
    });
  }

  /**
   * Waits for the executor's own work (`work`) until `endAt`, then closes the scenario, gives running
   * iterations `gracefulStop`, and cuts off whatever still runs.
   */
  async finish(work: Promise<unknown>, endAt: number): Promise<void> {
    const deadline = this.cancellableWait(endAt - performance.now(), true);
    await Promise.race([work, deadline.promise]);
    deadline.cancel();
    this.closed = true;
    // As k6's bars show it: stopping while iterations get their gracefulStop, unless the run was stopped.
    if (!this.run.stopping && this.config.gracefulStopMs > 0) this.bar.stopping();
    if (this.running > 0) {
      // Ctrl-C stops gracefully, as k6 does; test.abort() and abortOnFail cut iterations off at once.
      const grace = this.cancellableWait(this.config.gracefulStopMs, this.run.stopReason?.kind !== 'signal');
      await Promise.race([new Promise<void>((resolve) => (this.whenIdle = resolve)), grace.promise]);
      grace.cancel();
      this.whenIdle = undefined;
      for (const [vu, slot] of this.slots) if (slot.running) this.abandon(vu);
    }
    await work;
    this.bar.ended(this.run.stopping);
  }

  private cancellableWait(ms: number, endOnStop: boolean): { promise: Promise<void>; cancel: () => void } {
    let cancel!: () => void;
    const promise = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, Math.max(0, ms));
      const unsubscribe = endOnStop
        ? this.run.onStop(() => {
            clearTimeout(timer);
            resolve();
          })
        : () => {};
      cancel = () => {
        clearTimeout(timer);
        unsubscribe();
        resolve();
      };
    });
    return { promise, cancel };
  }
}

/**
 * A VU's place in its scenario, made once per VU: whether an iteration runs on it, and what follows
 * that iteration's end. `ended` is handed to every iteration of the VU, so an iteration costs no
 * closure of its own. A cut-off iteration's late end finds the slot idle and is ignored (a cut-off VU
 * never starts another iteration).
 */
class VuSlot {
  running = false;
  /** True while an iteration is being started: an end seen then came synchronously. */
  starting = false;
  next: () => void = () => {};

  constructor(private readonly scenario: ScenarioRun) {}

  readonly ended = (): void => {
    if (!this.running) return;
    this.running = false;
    this.scenario.iterationEnded();
    this.next();
  };
}
