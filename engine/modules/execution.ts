import { TestAbort } from '../vu.ts';
import type { VuState } from '../vu-state.ts';

/** The `k6/execution` module for one VU: vu, scenario, instance and test. */
export function executionModule(vu: VuState) {
  const run = vu.run;
  const scenario = () => {
    if (!vu.scenario) throw new Error('exec.scenario is only available inside a scenario function, not in the init context, setup() or teardown()');
    return vu.scenario;
  };
  return {
    vu: {
      get idInInstance() {
        return vu.id;
      },
      get idInTest() {
        return vu.id;
      },
      get iterationInInstance() {
        return vu.iteration;
      },
      get iterationInScenario() {
        return vu.iteration;
      },
      // Writable: tags set here go on every later sample of this VU, as in k6.
      get tags() {
        return vu.tags;
      },
      metrics: {
        get tags() {
          return vu.tags;
        },
        metadata: {} as Record<string, string>,
      },
    },
    scenario: {
      get name() {
        return scenario().config.name;
      },
      get executor() {
        return scenario().config.executor;
      },
      get startTime() {
        return scenario().startedAtEpochMs;
      },
      get progress() {
        return scenario().progress();
      },
      get iterationInInstance() {
        return vu.iterationInScenario;
      },
      get iterationInTest() {
        return vu.iterationInScenario;
      },
    },
    instance: {
      get iterationsCompleted() {
        return run.completeIterations;
      },
      get iterationsInterrupted() {
        return run.interruptedIterations;
      },
      get vusActive() {
        return run.activeVus;
      },
      get vusInitialized() {
        return run.initialisedVus;
      },
      get currentTestRunDuration() {
        return run.elapsedMs();
      },
    },
    test: {
      abort(message?: string): never {
        const text = message ? `test aborted: ${message}` : 'test aborted';
        run.log('error', text);
        run.stop({ kind: 'abort', message: text });
        throw new TestAbort(text);
      },
      get options() {
        return run.options;
      },
    },
  };
}
