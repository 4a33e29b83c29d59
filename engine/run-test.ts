import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { EXIT } from './exit-codes.ts';
import { arrivalRate } from './executors/arrival-rate.ts';
import { constantVus, perVuIterations, sharedIterations } from './executors/iteration-loops.ts';
import { rampingVus } from './executors/ramping-vus.ts';
import { ScenarioRun, type ExecutionContext } from './executors/scenario-run.ts';
import { compileScript, stopCompiler } from './compile-script.ts';
import { prepareHostEntry } from './workers/vu-host-pool.ts';
import { scriptFactory, type CompiledScript } from './load-script.ts';
import { createLogger, type Logger } from './logger.ts';
import { ThresholdSet, type ThresholdResults } from './metrics/threshold-set.ts';
import { closeAllConnections } from './wire/send-on-wire.ts';
import { RequestPacer } from './wire/request-pacer.ts';
import { tlsSettingsWarnings } from './wire/tls-warnings.ts';
import { consolidateOptions, derivedOptions, type CliOverrides } from './options.ts';
import { JsonOutput } from './output/json-output.ts';
import type { RemoteWriteConfig } from './output/prometheus-remote-write-config.ts';
import { ProgressDisplay, writeLogLine } from './progress/progress-display.ts';
import { RunState } from './run-state.ts';
import { sampleVusGauges } from './metrics/vus-gauges.ts';
import { ConfigError, normaliseScenarios, type ExecutorName } from './scenarios.ts';
import { executionTupleOf, type ExecutionTuple } from './segments/execution-tuple.ts';
import { segmentedScenarios, type SegmentedScenario } from './segments/scenario-share.ts';
import { summaryData, type SummaryData } from './summary/summary-data.ts';
import { summaryExport } from './summary/summary-export.ts';
import { textSummary } from './summary/text-summary.ts';
import { vuConsole } from './vu-console.ts';
import { recordBytesTransferred, sampleTags } from './vu-state.ts';
import { TestAbort, VuInitError } from './errors.ts';
import { describeError } from './script-error.ts';
import { LocalVu, type ScriptInstance } from './vu.ts';
import { threadCount, VuSpawner } from './vu-spawner.ts';

export interface RunTestOptions {
  script: string;
  env: Record<string, string>;
  overrides: CliOverrides;
  noThresholds: boolean;
  noSummary: boolean;
  summaryExport?: string;
  /** `--out json=<file>` targets. */
  jsonOut: string[];
  /** `--out experimental-prometheus-rw`, configured from the environment. */
  prometheusRemoteWrite?: RemoteWriteConfig;
  logFormat: 'text' | 'json';
  quiet: boolean;
  /** Include the process environment in __ENV (k6 run does by default). */
  includeSystemEnv?: boolean;
  /** Threads sharing async VUs (`auto`: a second one from 100 VUs). */
  threads?: number | 'auto';
}

// A script that blocks gets a thread per VU; past this many, memory would run out before k6's would.
const MAX_BLOCKING_VUS = 100;

const EXECUTORS: Record<ExecutorName, (s: ScenarioRun) => Promise<void>> = {
  'shared-iterations': sharedIterations,
  'per-vu-iterations': perVuIterations,
  'constant-vus': constantVus,
  'ramping-vus': rampingVus,
  'constant-arrival-rate': arrivalRate,
  'ramping-arrival-rate': arrivalRate,
};

// How often abortOnFail thresholds are evaluated (as in k6).
const THRESHOLD_CHECK_MS = 2000;

/** Runs setup() or teardown() on VU 0 (on a thread of its own when the script blocks). */
async function lifecycle(
  vu: LocalVu,
  spawner: VuSpawner,
  name: 'setup' | 'teardown',
  arg?: unknown,
): Promise<{ value?: unknown; error?: unknown }> {
  if (typeof vu.exports[name] !== 'function') return {};
  if (spawner.blocking) {
    const r = await spawner.callOnThread(name, arg);
    if (r.aborted) return { error: new TestAbort(r.error) };
    return r.error !== undefined ? { error: r.error } : { value: r.value };
  }
  const fn = vu.exports[name];
  if (typeof fn !== 'function') return {};
  vu.state.groupPath = [name];
  try {
    return { value: await (fn as (a: unknown) => unknown)(arg) };
  } catch (error) {
    return { error };
  } finally {
    recordBytesTransferred(vu.state, sampleTags(vu.state));
    vu.state.groupPath = [];
  }
}

function writeSummaryOutputs(outputs: unknown, log: Logger): void {
  if (outputs === undefined || outputs === null) return;
  if (typeof outputs !== 'object') {
    log('error', 'handleSummary() must return an object mapping stdout, stderr or file paths to their content');
    return;
  }
  for (const [target, content] of Object.entries(outputs as Record<string, unknown>)) {
    const data =
      typeof content === 'string' || content instanceof Uint8Array
        ? content
        : content instanceof ArrayBuffer
          ? new Uint8Array(content)
          : String(content);
    if (target === 'stdout') process.stdout.write(data);
    else if (target === 'stderr') process.stderr.write(data);
    else {
      mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
      writeFileSync(target, data);
    }
  }
}

/** Runs a k6 script as `k6 run` does and returns k6's exit code. */
export async function runTest(opts: RunTestOptions): Promise<number> {
  const log = createLogger(opts.logFormat, writeLogLine);
  const originalConsole = globalThis.console;
  globalThis.console = vuConsole(log);
  try {
    return await execute(opts, log);
  } finally {
    globalThis.console = originalConsole;
    closeAllConnections();
  }
}

async function execute(opts: RunTestOptions, log: Logger): Promise<number> {
  const env = { ...(opts.includeSystemEnv === false ? {} : (process.env as Record<string, string>)), ...opts.env };
  const run = new RunState(log, {});
  let setupVu: LocalVu;
  let script: CompiledScript;
  let instance: ScriptInstance;
  try {
    script = await compileScript(opts.script, log);
    instance = { run, script: scriptFactory(script), scriptDir: script.dir, env };
    // k6 runs the init code once more for setup() and teardown(), on a VU whose __VU is 0.
    setupVu = new LocalVu(instance, undefined, 0);
  } catch (error) {
    log('error', `could not initialise ${opts.script}: ${describeError(error)}`);
    return EXIT.scriptException;
  }

  let options: Record<string, any>;
  let tuple: ExecutionTuple;
  let scenarios: SegmentedScenario[];
  let thresholds: ThresholdSet | undefined;
  let threads: number;
  try {
    options = consolidateOptions(setupVu.exports.options, opts.overrides);
    const configs = normaliseScenarios(options);
    for (const s of configs) {
      if (typeof setupVu.exports[s.exec] !== 'function') {
        throw new ConfigError(`scenarios.${s.name}.exec: the script exports no function "${s.exec}"`);
      }
    }
    tuple = executionTupleOf(options);
    scenarios = segmentedScenarios(configs, tuple);
    const plannedVus = scenarios.reduce((n, s) => n + s.share.maxVus, 0);
    if (script.usesBlockingApis && plannedVus > MAX_BLOCKING_VUS) {
      throw new ConfigError(
        `scenarios: ${plannedVus} VUs of a script that calls blocking functions (sleep, http.get…); the local engine gives each such VU a thread and runs at most ${MAX_BLOCKING_VUS}. ` +
          'Use http.asyncRequest and `await` a setTimeout instead (k6 runs those the same way), lower the VUs, or run the script with k6',
      );
    }
    for (const warning of tlsSettingsWarnings(options)) log('warn', warning);
    threads = threadCount(opts.threads ?? 'auto', plannedVus);
    thresholds = opts.noThresholds ? undefined : new ThresholdSet(options.thresholds, run.metrics);
    // k6 always tracks the latency of expected responses as its own submetric, after the thresholds' ones.
    run.metrics.addSubmetric('http_req_duration{expected_response:true}');
  } catch (error) {
    log('error', error instanceof ConfigError ? error.message : describeError(error));
    return EXIT.invalidConfig;
  }
  Object.assign(run.runTags, options.tags ?? {});
  // The VU of setup() and teardown() was made before the options were known: its samples carry the run
  // tags too, as in k6.
  Object.assign(setupVu.tags, run.runTags);
  run.options = derivedOptions(options);
  // k6's rps caps the whole run: each thread that sends requests paces its share.
  if (typeof options.rps === 'number' && options.rps > 0)
    run.pacer = new RequestPacer(script.usesBlockingApis ? options.rps : options.rps / threads);
  if (script.usesBlockingApis || threads > 1) {
    await prepareHostEntry();
    // Made once the init code has run here, so that it holds the functions the init code compiled.
    script.codeCache = instance.script.codeCache();
  }
  // Nothing else is compiled in this run.
  await stopCompiler();
  const vus = new VuSpawner(
    instance,
    { script, env, runTags: run.runTags, options: run.options, logFormat: opts.logFormat, threads },
    script.usesBlockingApis,
    threads,
    tuple,
  );
  const outputs: { close(): Promise<void> }[] = opts.jsonOut.map(
    (file) => new JsonOutput(file, run.metrics, options.thresholds ?? {}),
  );
  if (opts.prometheusRemoteWrite) {
    // Loaded only for the runs that use it: its protobuf schema is most of the engine's code.
    const { PrometheusRemoteWriteOutput } = await import('./output/prometheus-remote-write.ts');
    outputs.push(new PrometheusRemoteWriteOutput(opts.prometheusRemoteWrite, run.metrics, log));
  }

  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    signals++;
    if (signals > 1) {
      log('error', `${signal} received again, exiting without waiting`);
      process.exit(EXIT.externalAbort);
    }
    log('warn', `${signal} received, stopping the test gracefully (press Ctrl-C again to force)`);
    run.stop({ kind: 'signal' });
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let stopVusGauges = () => {};
  let progress: ProgressDisplay | undefined;

  try {
    // As k6 does, every scenario's planned VUs run their init code before setup(), outside the test
    // run's duration: one that throws ends the run before anything is sent.
    const ctx: ExecutionContext = { run, data: undefined, vus };
    const runs = scenarios.map(({ config, share }) => new ScenarioRun(ctx, config, share));
    stopVusGauges = sampleVusGauges(run);
    progress = opts.quiet ? undefined : new ProgressDisplay(run, runs);
    progress?.start();
    try {
      await Promise.all(runs.map((r) => r.initialise()));
    } catch (error) {
      log('error', error instanceof VuInitError ? error.message : describeError(error));
      return EXIT.scriptException;
    }
    run.markStarted();
    if (progress) progress.phase = 'setup';
    const setup = await lifecycle(setupVu, vus, 'setup');
    if (setup.error && !(setup.error instanceof TestAbort)) {
      log('error', `setup() failed: ${describeError(setup.error)}`);
      return EXIT.scriptException;
    }
    // k6 hands setup()'s result to every VU as a JSON copy.
    const data = setup.value === undefined ? undefined : JSON.parse(JSON.stringify(setup.value));
    ctx.data = data;
    vus.setData(data);
    if (progress) progress.phase = 'running';

    const thresholdTimer = thresholds
      ? setInterval(() => {
          const metric = thresholds.abortingMetric(run.elapsedMs());
          if (metric) {
            log(
              'error',
              `thresholds on metrics '${metric}' were crossed; at least one has abortOnFail enabled, stopping test prematurely`,
            );
            run.stop({ kind: 'threshold', metric });
          }
        }, THRESHOLD_CHECK_MS)
      : undefined;

    if (!run.stopping) {
      await Promise.all(
        runs.map(async (scenario) => {
          await scenario.waitForStartTime();
          if (run.stopping) return;
          await EXECUTORS[scenario.config.executor](scenario);
        }),
      );
    }
    if (thresholdTimer) clearInterval(thresholdTimer);

    const teardown = await lifecycle(setupVu, vus, 'teardown', data);
    if (teardown.error && !(teardown.error instanceof TestAbort))
      log('error', `teardown() failed: ${describeError(teardown.error)}`);
    stopVusGauges();

    const durationMs = run.elapsedMs();
    const results = thresholds?.evaluate(durationMs / 1000);
    run.metrics.frozen = true;
    await Promise.all(outputs.map((o) => o.close()));
    const summary = summaryData(run, options, durationMs, results);
    // As k6 prints them: the summary, then the progress display one last time.
    progress?.pause();
    await reportSummary(opts, setupVu, summary, log);
    progress?.stop();
    return exitCode(run, results, log);
  } finally {
    progress?.stop();
    stopVusGauges();
    await vus.close();
    await Promise.all(outputs.map((o) => o.close()));
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

async function reportSummary(opts: RunTestOptions, setupVu: LocalVu, summary: SummaryData, log: Logger): Promise<void> {
  if (opts.summaryExport) {
    mkdirSync(path.dirname(path.resolve(opts.summaryExport)), { recursive: true });
    writeFileSync(opts.summaryExport, `${JSON.stringify(summaryExport(summary), null, 4)}\n`);
  }
  const handleSummary = setupVu.exports.handleSummary;
  if (typeof handleSummary === 'function') {
    try {
      writeSummaryOutputs(await (handleSummary as (d: unknown) => unknown)(summary), log);
      return;
    } catch (error) {
      log('error', `handleSummary() failed: ${describeError(error)}; printing the default summary instead`);
    }
  }
  if (!opts.noSummary) process.stdout.write(textSummary(summary));
}

function exitCode(run: RunState, results: ThresholdResults | undefined, log: Logger): number {
  if (results?.crossedMetrics.length)
    log('error', `thresholds on metrics '${results.crossedMetrics.join("', '")}' have been crossed`);
  const reason = run.stopReason;
  if (reason?.kind === 'abort') return EXIT.testAborted;
  if (reason?.kind === 'signal') return EXIT.externalAbort;
  if (reason?.kind === 'vu-init') return EXIT.scriptException;
  if (reason?.kind === 'threshold' || results?.crossedMetrics.length) return EXIT.thresholdsCrossed;
  return EXIT.ok;
}
