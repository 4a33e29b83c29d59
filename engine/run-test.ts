import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadScript, type ScriptExports, type ScriptFactory } from './load-script.ts';
import { parseMetricKey } from './metrics/registry.ts';
import { moduleResolver, vuGlobals } from './modules/resolver.ts';
import { RunState } from './run-state.ts';
import { normaliseScenarios, type ScenarioConfig } from './scenarios.ts';
import { summaryData } from './summary-data.ts';
import type { VuState } from './vu-state.ts';

// k6's exit codes (../shared/k6-reference/FACTS.md).
export const EXIT = { ok: 0, thresholdsCrossed: 99, invalidConfig: 104, externalAbort: 105, scriptException: 107, testAborted: 108 } as const;

export interface RunTestOptions {
  script: string;
  env: Record<string, string>;
  overrides: Record<string, unknown>;
  noThresholds: boolean;
  noSummary: boolean;
  summaryExport?: string;
  logFormat: 'text' | 'json';
  quiet: boolean;
}

function logger(format: 'text' | 'json') {
  return (level: string, message: string) => {
    const time = new Date().toISOString();
    const line =
      format === 'json'
        ? JSON.stringify({ level, msg: message, source: 'console', time })
        : `time="${time}" level=${level} msg=${JSON.stringify(message)} source=console`;
    process.stderr.write(`${line}\n`);
  };
}

function consoleFor(log: (level: 'info' | 'warn' | 'error' | 'debug', m: string) => void): Console {
  const fmt = (args: unknown[]) => args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
  return {
    ...console,
    log: (...a: unknown[]) => log('info', fmt(a)),
    info: (...a: unknown[]) => log('info', fmt(a)),
    warn: (...a: unknown[]) => log('warn', fmt(a)),
    error: (...a: unknown[]) => log('error', fmt(a)),
    debug: (...a: unknown[]) => log('debug', fmt(a)),
  } as Console;
}

interface Vu {
  state: VuState;
  exports: ScriptExports;
}

function createVu(run: RunState, factory: ScriptFactory, dir: string, id: number, env: Record<string, string>, scenario: string, tags: Record<string, string>): Vu {
  const state: VuState = { run, id, iteration: 0, scenario, groupPath: [], tags: { ...run.runTags, scenario, ...tags } };
  let init = true;
  const exports = factory(moduleResolver(state), vuGlobals(state, env, dir, () => init));
  init = false;
  return { state, exports };
}

async function runIteration(vu: Vu, exec: string, data: unknown, run: RunState): Promise<void> {
  const fn = vu.exports[exec] as ((d: unknown) => unknown) | undefined;
  if (typeof fn !== 'function') throw new Error(`the script exports no function "${exec}"`);
  const started = performance.now();
  let completed = true;
  try {
    await fn(data);
  } catch (error) {
    completed = false;
    run.log('error', `${(error as Error).message} (iteration ${vu.state.iteration} of VU ${vu.state.id})`);
  }
  const tags = { ...vu.state.tags, group: '' };
  run.metrics.add('iteration_duration', performance.now() - started, tags);
  if (completed) run.metrics.add('iterations', 1, tags);
  vu.state.iteration++;
}

async function runScenario(s: ScenarioConfig, vus: Vu[], data: unknown, run: RunState): Promise<void> {
  const started = performance.now();
  const deadline = s.executor === 'constant-vus' ? started + s.durationMs : started + s.maxDurationMs;
  let shared = 0;
  await Promise.all(
    vus.map(async (vu) => {
      let own = 0;
      while (performance.now() < deadline) {
        if (s.executor === 'shared-iterations' && shared++ >= s.iterations) break;
        if (s.executor === 'per-vu-iterations' && own++ >= s.iterations) break;
        await runIteration(vu, s.exec, data, run);
      }
    }),
  );
}

/** Runs a k6 script as `k6 run` does and returns k6's exit code. */
export async function runTest(opts: RunTestOptions): Promise<number> {
  const log = logger(opts.logFormat);
  const run = new RunState(log, {});
  globalThis.console = consoleFor(log);
  let factory: ScriptFactory;
  let dir: string;
  let probe: Vu;
  try {
    ({ factory, dir } = loadScript(opts.script));
    probe = createVu(run, factory, dir, 0, opts.env, '', {});
  } catch (error) {
    log('error', `could not initialise ${opts.script}: ${(error as Error).message}`);
    return EXIT.scriptException;
  }
  const options: Record<string, any> = { ...(probe.exports.options ?? {}), ...opts.overrides };
  if (opts.overrides.vus || opts.overrides.iterations || opts.overrides.duration) delete options.scenarios;
  let scenarios: ScenarioConfig[];
  try {
    scenarios = normaliseScenarios(options);
    for (const key of Object.keys(options.thresholds ?? {})) {
      parseMetricKey(key);
      run.metrics.addSubmetric(key);
    }
  } catch (error) {
    log('error', (error as Error).message);
    return EXIT.invalidConfig;
  }

  let data: unknown;
  if (typeof probe.exports.setup === 'function') {
    try {
      data = JSON.parse(JSON.stringify((await probe.exports.setup()) ?? null));
    } catch (error) {
      log('error', `setup() failed: ${(error as Error).message}`);
      return EXIT.scriptException;
    }
  }
  let nextId = 1;
  const maxVus = scenarios.reduce((n, s) => n + s.vus, 0);
  run.metrics.add('vus_max', maxVus, {});
  await Promise.all(
    scenarios.map((s) => {
      const vus: Vu[] = [];
      for (let i = 0; i < s.vus; i++) vus.push(createVu(run, factory, dir, nextId++, { ...opts.env, ...s.env }, s.name, s.tags));
      return runScenario(s, vus, data, run);
    }),
  );
  run.metrics.add('vus', 0, {});
  if (typeof probe.exports.teardown === 'function') {
    try {
      await probe.exports.teardown(data);
    } catch (error) {
      log('error', `teardown() failed: ${(error as Error).message}`);
    }
  }

  const durationMs = run.elapsedMs();
  const { data: summary, thresholdsCrossed } = summaryData(run, options, durationMs);
  if (typeof probe.exports.handleSummary === 'function') {
    const outputs = (await probe.exports.handleSummary(summary)) as Record<string, string>;
    for (const [target, content] of Object.entries(outputs ?? {})) {
      if (target === 'stdout') process.stdout.write(content);
      else if (target === 'stderr') process.stderr.write(content);
      else {
        mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
        writeFileSync(target, content);
      }
    }
  } else if (!opts.noSummary) {
    process.stdout.write(`${JSON.stringify(summary.metrics, null, 2)}\n`);
  }
  return thresholdsCrossed && !opts.noThresholds ? EXIT.thresholdsCrossed : EXIT.ok;
}
