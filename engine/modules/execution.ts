import { TestAbort } from '../errors.ts';
import type { VuState } from '../vu-state.ts';

/** The `k6/execution` module for one VU: vu, scenario, instance and test. */
export function executionModule(vu: VuState) {
  const run = vu.run;
  // k6 has no VU, instance or test state in the init context: reading them there throws.
  const notInInit = (what: string) => {
    if (vu.initPhase) throw new Error(`getting ${what} in the init context is not supported`);
  };
  const scenario = () => {
    if (!vu.scenario)
      throw new Error(
        'exec.scenario is only available inside a scenario function, not in the init context, setup() or teardown()',
      );
    return vu.scenario;
  };
  return {
    vu: {
      get idInInstance() {
        notInInit('VU information');
        return vu.id;
      },
      get idInTest() {
        notInInit('VU information');
        return vu.idInTest;
      },
      get iterationInInstance() {
        notInInit('VU information');
        return vu.iteration;
      },
      get iterationInScenario() {
        notInInit('VU information');
        return vu.iteration;
      },
      // Writable: tags set here go on every later sample of this VU, as in k6.
      get tags() {
        notInInit('VU information');
        return vu.tags;
      },
      metrics: {
        get tags() {
          notInInit('VU information');
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
        return vu.scenarioIterationInInstance;
      },
      get iterationInTest() {
        return vu.scenarioIterationInTest;
      },
    },
    instance: {
      get iterationsCompleted() {
        notInInit('instance information');
        return run.completeIterations;
      },
      get iterationsInterrupted() {
        notInInit('instance information');
        return run.interruptedIterations;
      },
      get vusActive() {
        notInInit('instance information');
        return run.activeVus;
      },
      get vusInitialized() {
        notInInit('instance information');
        return run.initialisedVus;
      },
      get currentTestRunDuration() {
        notInInit('instance information');
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
        notInInit('test options');
        return run.options;
      },
    },
  };
}
