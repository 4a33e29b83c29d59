import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildBundles } from '../build.mjs';
import { HarnessConfig } from '../lib/k6-and-node/harness-config.ts';
import { knownSecrets, type KnownSecret } from '../reports/known-secrets.ts';
import { RAW_FINDINGS_FILE, RAW_METRICS_FILE } from '../reports/raw-results.ts';
import { writeRunFacts } from '../reports/run-facts.ts';
import { terminalReport } from '../reports/terminal-table.ts';
import type { RunningTenant } from '../tenant/start-tenant.ts';
import { compareWithBaselineFile } from './baseline-command.ts';
import { chooseEngine } from './engine-choice.ts';
import { consumeEngineLog, type EngineLog } from './engine-log.ts';
import { incompleteReason } from './engine-outcome.ts';
import { expectedFailuresReport } from './expected-failures-file.ts';
import { findMax, findMaxReport, type FindMaxResult } from './find-max.ts';
import { hasEnvConfig } from './harness-config-env.ts';
import { InterruptGuard } from './interrupt-guard.ts';
import { loadFlowsOf, suiteEnvironment, type LoadFlags } from './load-options.ts';
import {
  prepareRunnerFolders,
  runAll,
  writeLocalRunnerReports,
  type LocalRunner,
  type RunnerOutcome,
} from './local-runners.ts';
import { checkRunInputs } from './run-inputs.ts';
import { engineDisplayArgs, startStatusLine, type RunDisplay } from './run-status.ts';
import { runnerEnvironment, segmentArgs, splitPlan, type SplitFlags } from './split-run.ts';
import { LOAD_POLICY_NOTICE, parseTarget } from './target.ts';
import { UsageError } from './usage-error.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SUITES = ['conformance', 'load', 'ratelimit'] as const;
export type Suite = (typeof SUITES)[number];

export interface RunSuiteOptions extends LoadFlags, SplitFlags {
  suite: string;
  target: string;
  engine: string;
  out: string;
  /** Unset: the --config file's, else auth0. */
  profile?: string;
  config?: string;
  baseline?: string;
  /** `metric=percent` overrides for the --baseline gate. */
  tolerance?: string[];
  /** Known failures that do not fail the run (lib/k6-and-node/expected-failures.ts). */
  expectedFailures?: string;
  iHavePermission: boolean;
  /** No progress display and no status lines while the run goes. */
  quiet?: boolean;
}

function validate(opts: RunSuiteOptions) {
  if (!SUITES.includes(opts.suite as Suite))
    throw new UsageError(`run: unknown suite "${opts.suite}"; choose one of ${SUITES.join(', ')}.`);
  if (!['auto', 'local', 'k6'].includes(opts.engine))
    throw new UsageError(`--engine: "${opts.engine}" is not one of auto, local, k6.`);
  if (opts.profile !== undefined && !['auth0', 'oidc'].includes(opts.profile))
    throw new UsageError(`--profile: "${opts.profile}" is not one of auth0, oidc.`);
  const target = parseTarget(opts.target);
  const loadSuite = opts.suite === 'load' || opts.suite === 'ratelimit';
  if (loadSuite && target.kind === 'remote' && !target.loopback && !opts.iHavePermission) {
    throw new UsageError(
      `--target: ${target.baseUrl} is not on this machine, and the ${opts.suite} suite sends load.\n${LOAD_POLICY_NOTICE}`,
    );
  }
  if (target.kind === 'remote' && !opts.config && !hasEnvConfig(process.env)) {
    throw new UsageError(
      `--config: a remote target needs a harness configuration (a JSON file, or AUTH0_HARNESS_* variables) with its clients and secrets (see README, "Pointing it at a real tenant").`,
    );
  }
  return {
    target,
    suite: opts.suite as Suite,
    engine: opts.engine as 'auto' | 'local' | 'k6',
    profile: opts.profile as 'auth0' | 'oidc' | undefined,
    split: splitPlan(opts, opts.suite, target),
  };
}

// The tenant and the report writers are imported when a run gets to them: together they are most of
// the CLI's start-up, and a refused input should be answered at once.

/** `auth0-harness run <suite>`: returns the exit status (0 ok, 1 a failure-severity check failed). */
export async function runSuite(opts: RunSuiteOptions): Promise<number> {
  const { target, suite, engine: requestedEngine, profile, split } = validate(opts);
  const suiteEnv = suiteEnvironment(suite, opts, target.kind === 'local' || target.loopback);
  const runnerEnv = runnerEnvironment(suiteEnv, split);
  let findMaxSteps: FindMaxResult[] | undefined;
  // Every input is checked before --out is touched: a bad gate must fail before a long run, not after it.
  const { config: remoteConfig, expectedFailures, tolerances } = await checkRunInputs(opts, target);
  const display: RunDisplay = { quiet: !!opts.quiet, terminal: !!process.stdout.isTTY };
  const engine = await chooseEngine(requestedEngine, path.join(root, 'bin', 'auth0-harness.js'));
  process.stderr.write(
    `engine: ${engine.description}${requestedEngine === 'auto' ? ' (auto: ' + (engine.name === 'k6' ? 'k6 found on PATH' : 'no k6 >= 1.0 on PATH') + ')' : ''}\n`,
  );

  const outDir = path.resolve(opts.out);
  const rawDir = path.join(outDir, 'raw');
  const runners = split.kind === 'local-runners' ? prepareRunnerFolders(outDir, split.runners) : undefined;
  if (!runners) {
    rmSync(rawDir, { recursive: true, force: true });
    mkdirSync(rawDir, { recursive: true });
  }
  let runnerOutcomes: RunnerOutcome[] = [];
  const guard = new InterruptGuard();
  // k6's JSON lines output (both engines write it): the per-second latency charts are drawn from it.
  const metricsOutIn = (dir: string) => ['--out', `json=${path.join(dir, RAW_METRICS_FILE)}`];

  const startedAt = new Date();
  let tenant: RunningTenant | undefined;
  const secretsDir = mkdtempSync(path.join(os.tmpdir(), 'auth0-harness-'));
  let secrets: KnownSecret[] = [];
  let incomplete: string | undefined;
  const runProfile = remoteConfig?.profile ?? profile ?? 'auth0';
  // An unexpected error (a bug) ends the run, but what was measured is still reported before it shows.
  let failure: unknown;
  try {
    try {
      await buildBundles({
        entryPoints: [path.join(root, 'scenarios', `${suite}.ts`)],
        outdir: path.join(root, 'dist'),
      });
      let config: HarnessConfig;
      if (remoteConfig) config = remoteConfig;
      else {
        // With the mTLS listener, so that the mtls_handshake cells run too.
        tenant = await (await import('../tenant/start-tenant.ts')).startTenant({ https: true });
        process.stderr.write(`tenant: local tenant on ${tenant.url}\n`);
        config = HarnessConfig.parse({ ...tenant.harnessConfig(), profile: runProfile });
      }
      secrets = knownSecrets(config);
      const configFile = path.join(secretsDir, 'harness-config.json');
      writeFileSync(configFile, JSON.stringify(config), { mode: 0o600 });

      const engineName = engine.name === 'k6' ? 'k6' : 'local engine';
      // One engine run of the bundle; --find-max makes several, each with its own raw folder, and
      // --local-runners several at once. Of those, the first shows the run's progress or status line
      // (counting every runner's findings); the others are quiet, so that one display holds the terminal.
      const runnerLogs: EngineLog[] = [];
      const runBundle = async (
        env: Record<string, string>,
        dir: string,
        out: string[],
        runner?: LocalRunner,
      ): Promise<{ exitCode: number | null; incomplete?: string }> => {
        const shown = !runner || runner.index === 1;
        const vars = Object.entries(env).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
        const child = spawn(
          engine.command,
          [
            ...engine.args,
            'run',
            '--log-format',
            'json',
            ...(shown ? engineDisplayArgs(display) : ['--quiet']),
            ...out,
            '-e',
            `HARNESS_CONFIG_FILE=${configFile}`,
            '-e',
            `HARNESS_OUT=${dir}`,
            ...vars,
            path.join(root, 'dist', `${suite}.js`),
          ],
          { stdio: engine.ipc ? ['ignore', 'inherit', 'pipe', 'ipc'] : ['ignore', 'inherit', 'pipe'], detached: true },
        );
        guard.forwardTo(child);
        const log = consumeEngineLog(
          child.stderr!,
          path.join(dir, RAW_FINDINGS_FILE),
          secrets,
          undefined,
          runner?.label,
        );
        if (runner) runnerLogs.push(log);
        const findings = () => (runner ? runnerLogs : [log]).reduce((n, l) => n + l.findings, 0);
        const stopStatus = shown ? startStatusLine(display, suite, findings) : () => {};
        const [exitCode, killedBy] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
          child.on('close', (code, signal) => resolve([code, signal])),
        );
        stopStatus();
        await log.done;
        guard.stopForwarding(child);
        return {
          exitCode,
          incomplete: incompleteReason({
            exitCode,
            killedBy,
            engineName,
            interruptedBy: guard.interruptedBy,
            abortedByThreshold: log.abortedByThreshold,
          }),
        };
      };
      if (guard.interruptedBy) incomplete = `interrupted by ${guard.interruptedBy} before the ${engineName} started`;
      else if (opts.findMax) {
        const search = await findMax({
          flows: loadFlowsOf(suiteEnv),
          env: suiteEnv,
          rawDir,
          runStep: (env, dir) => runBundle(env, dir, metricsOutIn(dir)),
          interrupted: () => guard.interruptedBy,
        });
        findMaxSteps = search.results;
        incomplete = search.incomplete;
      } else if (runners) {
        process.stderr.write(
          `runners: ${runners.length} ${engineName} processes, segments ${runners.map((r) => r.segment).join(', ')}; the progress shown is runner 1's\n`,
        );
        runnerOutcomes = await runAll(runners, (r) =>
          runBundle(runnerEnv, r.rawDir, [...metricsOutIn(r.rawDir), ...segmentArgs(r)], r),
        );
      } else {
        const segment = split.kind === 'segment' ? segmentArgs(split.runner) : [];
        incomplete = (await runBundle(runnerEnv, rawDir, [...metricsOutIn(rawDir), ...segment])).incomplete;
      }
    } catch (error) {
      failure = error;
      incomplete ??= `the harness stopped on an unexpected error: ${(error as Error).message}`;
    } finally {
      await tenant?.close();
      rmSync(secretsDir, { recursive: true, force: true });
    }

    const facts = {
      suite,
      target: target.kind === 'local' ? 'local' : target.baseUrl,
      engine: engine.description,
      profile: runProfile,
      startedAt,
      durationMs: Date.now() - startedAt.getTime(),
      incomplete,
      expectedFailures,
      ...(findMaxSteps ? { findMax: findMaxSteps } : {}),
      ...(split.kind === 'segment' ? { segment: split.runner.segment } : {}),
    };
    if (!runners) writeRunFacts(rawDir, facts);
    const { summary, allure, timeline, scrubbed } = runners
      ? await writeLocalRunnerReports(outDir, facts, runners, runnerOutcomes, secrets)
      : await (await import('../reports/write-reports.ts')).writeReports(outDir, facts, secrets);
    if (scrubbed.length)
      process.stderr.write(
        `redaction: a secret reached ${scrubbed.join(', ')} and was redacted there; please report this as a bug.\n`,
      );
    process.stdout.write(terminalReport(summary, timeline));
    if (summary.expectedFailures) process.stdout.write(expectedFailuresReport(summary.expectedFailures));
    if (findMaxSteps) process.stdout.write(findMaxReport(findMaxSteps));
    process.stdout.write(
      allure.generated
        ? `report: ${path.join(opts.out, 'allure-report', 'index.html')} (open with \`npx allure open ${path.join(opts.out, 'allure-report')}\`)\n`
        : `report: ${allure.reason}\n`,
    );
    if (failure) throw failure;
    const baselineHeld = opts.baseline
      ? compareWithBaselineFile(opts.baseline, summary, process.stdout, tolerances)
      : true;
    return summary.ok && baselineHeld ? 0 : 1;
  } finally {
    guard.release();
  }
}
