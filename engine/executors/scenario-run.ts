import type { RunState } from '../run-state.ts';
import type { ScenarioConfig } from '../scenarios.ts';
import { plannedDurationMs } from '../scenarios.ts';
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
  startedAt = performance.now();
  private closed = false;
  private readonly inflight = new Map<Vu, { done: Promise<void>; abandon: () => void }>();

  constructor(
    readonly ctx: ExecutionContext,
    readonly config: ScenarioConfig,
  ) {
    const planned = plannedDurationMs(config);
    this.progress = {
      config,
      startedAtEpochMs: Date.now(),
      iterationsStarted: 0,
      progress: () => Math.min(1, planned > 0 ? (performance.now() - this.startedAt) / planned : 1),
    };
  }

  /**
   * Initialises the scenario's first VUs and starts its clock once they are ready, as k6 initialises
   * VUs before the test starts (VUs on host threads take a moment to start).
   */
  async begin(count: number): Promise<Vu[]> {
    const vus = Array.from({ length: count }, () => this.newVu());
    await Promise.all(vus.map((vu) => vu.ready));
    this.startedAt = performance.now();
    this.progress.startedAtEpochMs = Date.now();
    return vus;
  }

  get run(): RunState {
    return this.ctx.run;
  }

  newVu(): Vu {
    return this.ctx.vus.create(this.progress);
  }

  canStart(): boolean {
    return !this.closed && !this.ctx.run.stopping;
  }

  /** Runs one iteration on `vu`; resolves when it ends or when it is cut off. */
  iterate(vu: Vu): Promise<void> {
    let end!: () => void;
    // One promise per iteration, settled by whichever comes first: the iteration's end or its cut-off.
    const done = new Promise<void>((resolve) => {
      end = () => {
        if (this.inflight.get(vu)?.done !== done) return;
        this.inflight.delete(vu);
        resolve();
      };
    });
    this.inflight.set(vu, { done, abandon: end });
    vu.iterate(this.config.exec, this.ctx.data, this.progress.iterationsStarted++, end);
    return done;
  }

  isBusy(vu: Vu): boolean {
    return this.inflight.has(vu);
  }

  /** Cuts off the VU's running iteration: counted as interrupted, the VU is not reused. */
  abandon(vu: Vu): void {
    const entry = this.inflight.get(vu);
    if (!entry) return;
    vu.abandoned = true;
    this.run.interruptedIterations++;
    entry.abandon();
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
    if (this.inflight.size > 0) {
      // Ctrl-C stops gracefully, as k6 does; test.abort() and abortOnFail cut iterations off at once.
      const grace = this.cancellableWait(this.config.gracefulStopMs, this.run.stopReason?.kind !== 'signal');
      await Promise.race([Promise.all([...this.inflight.values()].map((e) => e.done)), grace.promise]);
      grace.cancel();
      for (const vu of [...this.inflight.keys()]) this.abandon(vu);
    }
    await work;
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
