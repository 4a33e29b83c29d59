import { TestAbort } from './errors.ts';
import { describeError } from './script-error.ts';
import type { ScriptExports, ScriptFactory } from './load-script.ts';
import { moduleResolver, vuGlobals } from './modules/resolver.ts';
import type { RunState } from './run-state.ts';
import { copyTags } from './metrics/copy-tags.ts';
import type { Tags } from './metrics/metric-type.ts';
import { recordBytesTransferred, type ScenarioProgress, type VuState } from './vu-state.ts';

/** A VU as executors see it: it runs iterations, wherever it lives (this thread or a worker). */
export interface Vu {
  /** __VU: its number in this instance. */
  readonly id: number;
  /** The tags of the VU's samples outside an iteration (scenario, scenario tags, run tags). */
  readonly tags: Tags;
  /** Set when its running iteration was cut off: the VU is not reused and its late results not counted. */
  abandoned: boolean;
  /** Resolves once the VU's init code has run (at once on this thread; later on a host thread). */
  readonly ready: Promise<void>;
  /**
   * Runs the scenario's iteration numbered `inInstance` here and `inTest` in the whole test; `onEnd` is
   * called once it has ended (completed, failed or cut off).
   */
  iterate(exec: string, data: unknown, inInstance: number, inTest: number, onEnd: () => void): void;
}

/** How the script is instantiated for a VU of this thread. */
export interface ScriptInstance {
  run: RunState;
  script: ScriptFactory;
  scriptDir: string;
  env: Record<string, string>;
}

/** A VU on this thread: its own instance of the script, run on this event loop. */
export class LocalVu implements Vu {
  readonly state: VuState;
  readonly exports: ScriptExports;
  readonly ready = Promise.resolve();

  /** `idInTest`: the VU's number in the whole test, when the run is segmented. */
  constructor(
    f: ScriptInstance,
    scenario: ScenarioProgress | undefined,
    readonly id: number,
    idInTest = id,
  ) {
    const run = f.run;
    const tags = scenario
      ? { ...run.runTags, scenario: scenario.config.name, ...scenario.config.tags }
      : { ...run.runTags };
    this.state = {
      run,
      id,
      idInTest,
      iteration: 0,
      scenarioIterationInInstance: 0,
      scenarioIterationInTest: 0,
      scenario,
      groupPath: [],
      tags,
      initPhase: true,
      env: f.env,
      bytesSent: 0,
      bytesReceived: 0,
    };
    this.exports = f.script(moduleResolver(this.state), vuGlobals(this.state, f.scriptDir));
    this.state.initPhase = false;
    // As k6 activates a VU for its scenario: the init code saw the run's __ENV, iterations see a fresh
    // one with the scenario's env over it.
    this.state.env = { ...f.env, ...scenario?.config.env };
  }

  get tags(): Tags {
    return this.state.tags;
  }

  get abandoned(): boolean {
    return !!this.state.abandoned;
  }

  set abandoned(value: boolean) {
    this.state.abandoned = value;
  }

  iterate(exec: string, data: unknown, inInstance: number, inTest: number, onEnd: () => void): void {
    this.state.scenarioIterationInInstance = inInstance;
    this.state.scenarioIterationInTest = inTest;
    this.runIteration(exec, data, onEnd);
  }

  // The running iteration. A VU runs one at a time (a cut-off one is never followed by another), so
  // the handlers of its end are made once per VU rather than as closures per iteration.
  private startedAt = 0;
  private onEnd: (completed: boolean) => void = () => {};
  private readonly fulfilled = (): void => this.onEnd(endIteration(this, this.startedAt));
  private readonly rejected = (error: unknown): void => this.onEnd(endIteration(this, this.startedAt, error));
  // Each exported function the VU runs, looked up once, as k6 does when it activates a VU for a
  // scenario: a bundle's exports are getters (esbuild's CommonJS interop), two calls a read.
  private readonly functions = new Map<string, (data: unknown) => unknown>();

  /**
   * Runs one iteration of `exec`, then calls `onEnd` with whether it completed; an exception is logged
   * and the iteration counted as interrupted. Chained on the script's own promise with callbacks rather
   * than written as an async function or returning a promise of its own: an iteration is the engine's
   * innermost loop, and each promise layer costs an allocation and a microtask per request.
   */
  runIteration(exec: string, data: unknown, onEnd: (completed: boolean) => void): void {
    let fn = this.functions.get(exec);
    if (!fn) {
      fn = this.exports[exec] as ((d: unknown) => unknown) | undefined;
      if (typeof fn === 'function') this.functions.set(exec, fn);
    }
    this.startedAt = performance.now();
    this.onEnd = onEnd;
    let result: unknown;
    try {
      if (typeof fn !== 'function') throw new Error(`the script exports no function "${exec}"`);
      result = fn(data);
    } catch (error) {
      this.rejected(error);
      return;
    }
    if (typeof (result as PromiseLike<unknown> | undefined)?.then === 'function')
      (result as PromiseLike<unknown>).then(this.fulfilled, this.rejected);
    else this.fulfilled();
  }
}

const NO_ERROR = Symbol('no error');

/** Records the iteration's end; true when it completed. */
function endIteration(vu: LocalVu, started: number, error: unknown = NO_ERROR): boolean {
  const { state } = vu;
  const run = state.run;
  const completed = error === NO_ERROR;
  // As k6 logs an iteration's exception: its stack, with the scenario and its executor.
  if (!completed && !(error instanceof TestAbort)) {
    const scenario = state.scenario?.config;
    run.log('error', describeError(error), {
      ...(scenario && { executor: scenario.executor, scenario: scenario.name }),
      source: 'stacktrace',
    });
  }
  state.groupPath.length = 0;
  if (run.options.noVUConnectionReuse === true) state.connections?.closeIdle();
  if (state.abandoned || run.metrics.frozen) return completed;
  const tags = copyTags(state.tags);
  tags.group = '';
  recordBytesTransferred(state, tags);
  run.metrics.add('iteration_duration', performance.now() - started, tags);
  run.metrics.add('iterations', 1, tags);
  run.iterationEnded(completed);
  state.iteration++;
  return completed;
}
