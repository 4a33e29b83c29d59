import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ScriptExports, ScriptFactory } from './load-script.ts';
import { moduleResolver, vuGlobals } from './modules/resolver.ts';
import type { RunState } from './run-state.ts';
import type { ScenarioProgress, VuState } from './vu-state.ts';

export interface Vu {
  state: VuState;
  exports: ScriptExports;
}

export interface VuFactory {
  run: RunState;
  script: ScriptFactory;
  scriptDir: string;
  env: Record<string, string>;
}

let nextVuId = 1;

/** Initialises one VU: its own instance of the script, init code run with its __VU (0 for setup/teardown). */
export function createVu(f: VuFactory, scenario: ScenarioProgress | undefined, id = nextVuId++): Vu {
  const run = f.run;
  const tags = scenario ? { ...run.runTags, scenario: scenario.config.name, ...scenario.config.tags } : { ...run.runTags };
  const state: VuState = { run, id, iteration: 0, iterationInScenario: 0, scenario, groupPath: [], tags, initPhase: true };
  const env = scenario ? { ...f.env, ...scenario.config.env } : f.env;
  const exports = f.script(moduleResolver(state), vuGlobals(state, env, f.scriptDir));
  state.initPhase = false;
  if (id > 0) run.initialisedVus++;
  return { state, exports };
}

/** Runs one iteration of `exec`; an exception is logged and the iteration counted as interrupted. */
export async function runIteration(vu: Vu, exec: string, data: unknown): Promise<void> {
  const { state } = vu;
  const run = state.run;
  const fn = vu.exports[exec] as ((d: unknown) => unknown) | undefined;
  const started = performance.now();
  let completed = true;
  try {
    if (typeof fn !== 'function') throw new Error(`the script exports no function "${exec}"`);
    await fn(data);
  } catch (error) {
    completed = false;
    if (!(error instanceof TestAbort)) run.log('error', `${describeError(error)}\n\tat ${exec} (VU ${state.id}, iteration ${state.iteration})`);
  }
  state.groupPath.length = 0;
  if (state.abandoned || run.metrics.frozen) return;
  const tags = { ...state.tags, group: '' };
  run.metrics.add('iteration_duration', performance.now() - started, tags);
  run.metrics.add('iterations', 1, tags);
  if (completed) run.completeIterations++;
  else run.interruptedIterations++;
  state.iteration++;
}

/** The error with the script's own stack frames (the engine's frames say nothing to a script author). */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line) && !line.includes(ENGINE_DIR) && !line.includes('node:') && !line.includes('Promise.all'));
  return [`${error.name}: ${error.message}`, ...frames.slice(0, 5)].join('\n');
}

const ENGINE_DIR = path.dirname(fileURLToPath(import.meta.url));

/** Thrown by exec.test.abort(): unwinds the iteration; the run then stops with exit code 108. */
export class TestAbort extends Error {}
