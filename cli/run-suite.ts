import { spawn } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { buildBundles } from '../build.mjs';
import { HarnessConfig } from '../lib/harness-config.ts';
import { redactText } from '../lib/redact.ts';
import { FINDING_PREFIX } from '../lib/result-protocol.ts';
import { RAW_FINDINGS_FILE } from '../reports/raw-results.ts';
import { terminalReport } from '../reports/terminal-table.ts';
import { writeReports } from '../reports/write-reports.ts';
import { startTenant, type RunningTenant } from '../tenant/start-tenant.ts';
import { chooseEngine, type EngineChoice } from './engine-choice.ts';
import { findMax, findMaxReport, type FindMaxResult } from './find-max.ts';
import { loadFlowsOf, suiteEnvironment } from './load-options.ts';
import { readHarnessConfigFile } from './harness-config-file.ts';
import { LOAD_POLICY_NOTICE, parseTarget } from './target.ts';
import { UsageError } from './usage-error.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SUITES = ['conformance', 'load', 'ratelimit'] as const;
export type Suite = (typeof SUITES)[number];

export interface RunSuiteOptions {
  suite: string;
  target: string;
  engine: string;
  out: string;
  profile: string;
  config?: string;
  baseline?: string;
  iHavePermission: boolean;
  /** Load and rate-limit flags (cli/load-options.ts). */
  findMax?: boolean;
  [flag: string]: unknown;
}

function validate(opts: RunSuiteOptions) {
  if (!SUITES.includes(opts.suite as Suite)) throw new UsageError(`run: unknown suite "${opts.suite}"; choose one of ${SUITES.join(', ')}.`);
  if (!['auto', 'local', 'k6'].includes(opts.engine)) throw new UsageError(`--engine: "${opts.engine}" is not one of auto, local, k6.`);
  if (!['auth0', 'oidc'].includes(opts.profile)) throw new UsageError(`--profile: "${opts.profile}" is not one of auth0, oidc.`);
  const target = parseTarget(opts.target);
  const loadSuite = opts.suite === 'load' || opts.suite === 'ratelimit';
  if (loadSuite && target.kind === 'remote' && !target.loopback && !opts.iHavePermission) {
    throw new UsageError(`--target: ${target.baseUrl} is not on this machine, and the ${opts.suite} suite sends load.\n${LOAD_POLICY_NOTICE}`);
  }
  if (target.kind === 'remote' && !opts.config) {
    throw new UsageError(`--config: a remote target needs a harness configuration file with its clients and secrets (see README, "Pointing it at a real tenant").`);
  }
  return { target, suite: opts.suite as Suite, engine: opts.engine as 'auto' | 'local' | 'k6', profile: opts.profile as 'auth0' | 'oidc' };
}

/** Reads the engine's JSON log: findings go to the raw folder, everything else to stderr, redacted. */
function consumeEngineLog(stream: NodeJS.ReadableStream, findingsFile: string): Promise<void> {
  const lines = createInterface({ input: stream });
  lines.on('line', (line) => {
    let entry: { level?: string; msg?: string } | undefined;
    try {
      entry = JSON.parse(line);
    } catch {
      entry = undefined;
    }
    if (entry?.msg?.startsWith(FINDING_PREFIX)) {
      appendFileSync(findingsFile, `${entry.msg.slice(FINDING_PREFIX.length)}\n`);
      return;
    }
    const text = entry?.msg !== undefined ? `${entry.level ?? 'info'}: ${entry.msg}` : line;
    process.stderr.write(`  engine ${redactText(text)}\n`);
  });
  return new Promise((resolve) => lines.on('close', () => resolve()));
}

/** Runs one suite bundle on the engine with the harness -e variables; returns the engine's exit code. */
export async function runBundle(engine: EngineChoice, suite: Suite, configFile: string, rawDir: string, env: Record<string, string>): Promise<number | null> {
  const extra = Object.entries(env).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
  const child = spawn(
    engine.command,
    [...engine.args, 'run', '--log-format', 'json', '-e', `HARNESS_CONFIG_FILE=${configFile}`, '-e', `HARNESS_OUT=${rawDir}`, ...extra, path.join(root, 'dist', `${suite}.js`)],
    { stdio: ['ignore', 'inherit', 'pipe'] },
  );
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  const logDone = consumeEngineLog(child.stderr, path.join(rawDir, RAW_FINDINGS_FILE));
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  await logDone;
  process.off('SIGINT', forward);
  process.off('SIGTERM', forward);
  return exitCode;
}

/** `auth0-harness run <suite>`: returns the exit status (0 ok, 1 a failure-severity check failed). */
export async function runSuite(opts: RunSuiteOptions): Promise<number> {
  const { target, suite, engine: requestedEngine, profile } = validate(opts);
  const suiteEnv = suiteEnvironment(suite, opts, target.kind === 'local' || target.loopback);
  let findMaxSteps: FindMaxResult[] | undefined;
  const engine = chooseEngine(requestedEngine, path.join(root, 'bin', 'auth0-harness.js'));
  process.stderr.write(`engine: ${engine.description}${requestedEngine === 'auto' ? ' (auto: ' + (engine.name === 'k6' ? 'k6 found on PATH' : 'no k6 >= 1.0 on PATH') + ')' : ''}\n`);

  const outDir = path.resolve(opts.out);
  const rawDir = path.join(outDir, 'raw');
  rmSync(rawDir, { recursive: true, force: true });
  mkdirSync(rawDir, { recursive: true });
  await buildBundles({ entryPoints: [path.join(root, 'scenarios', `${suite}.ts`)], outdir: path.join(root, 'dist') });

  const startedAt = new Date();
  let tenant: RunningTenant | undefined;
  const secretsDir = mkdtempSync(path.join(os.tmpdir(), 'auth0-harness-'));
  let exitCode: number | null = null;
  let incomplete: string | undefined;
  try {
    let config: HarnessConfig;
    if (target.kind === 'local') {
      tenant = await startTenant();
      process.stderr.write(`tenant: local tenant on ${tenant.url}\n`);
      config = HarnessConfig.parse({ ...tenant.harnessConfig(), profile });
    } else {
      config = readHarnessConfigFile(opts.config as string, target.baseUrl);
    }
    const configFile = path.join(secretsDir, 'harness-config.json');
    writeFileSync(configFile, JSON.stringify(config), { mode: 0o600 });

    if (opts.findMax) {
      findMaxSteps = await findMax({ flows: loadFlowsOf(suiteEnv), env: suiteEnv, rawDir, runStep: (env, dir) => runBundle(engine, suite, configFile, dir, env) });
      exitCode = 0;
    } else {
      exitCode = await runBundle(engine, suite, configFile, rawDir, suiteEnv);
    }
    if (exitCode !== 0 && exitCode !== 99) incomplete = `the ${engine.name === 'k6' ? 'k6' : 'local engine'} run ended with exit code ${exitCode}`;
  } finally {
    await tenant?.close();
    rmSync(secretsDir, { recursive: true, force: true });
  }

  const { summary, allure } = writeReports(
    outDir,
    { suite, target: target.kind === 'local' ? 'local' : target.baseUrl, engine: engine.description, profile, startedAt, durationMs: Date.now() - startedAt.getTime(), incomplete, findMax: findMaxSteps },
    {
      suite,
      target: target.kind === 'local' ? 'local tenant' : target.baseUrl,
      engine: engine.description,
      profile,
      node: process.version,
      harness: process.env.npm_package_version ?? '0.1.0',
    },
  );
  process.stdout.write(terminalReport(summary));
  if (findMaxSteps) process.stdout.write(findMaxReport(findMaxSteps));
  process.stdout.write(
    allure.generated
      ? `report: ${path.join(opts.out, 'allure-report', 'index.html')} (open with \`npx allure open ${path.join(opts.out, 'allure-report')}\`)\n`
      : `report: ${allure.reason}\n`,
  );
  return summary.ok ? 0 : 1;
}
