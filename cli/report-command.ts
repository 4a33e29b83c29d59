import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { writeFindingsFromK6Logs } from '../reports/k6-log-findings.ts';
import type { KnownSecret } from '../reports/known-secrets.ts';
import { knownSecrets } from '../reports/known-secrets.ts';
import { MergeRefusal } from '../reports/merge-refusal.ts';
import { mergeRuns } from '../reports/merge-runs.ts';
import { RAW_LOAD_SHAPE_FILE, RAW_METRICS_FILE, RAW_SUMMARY_FILE, readRawResults } from '../reports/raw-results.ts';
import { RAW_RUN_FILE, readRunFacts, type RunFacts } from '../reports/run-facts.ts';
import { terminalReport } from '../reports/terminal-table.ts';
import { writeReports, writeReportsFrom, type WrittenReports } from '../reports/write-reports.ts';
import { resolveHarnessConfig } from './harness-config-sources.ts';
import { readJsonFile } from './read-json-file.ts';
import { UsageError } from './usage-error.ts';

export interface ReportOptions {
  out: string;
  config?: string;
  /** For a raw folder written by k6 itself (no run.json): what ran, against what. */
  suite?: string;
  target?: string;
  engine?: string;
  profile?: string;
  /** The raw folders of a split run's runners, merged into one report in `out`. */
  merge?: string[];
  /** k6 logs whose findings go to raw/findings.ndjson; with `merge`, one per raw folder, in order. */
  k6Log?: string[];
}

/**
 * What a run's raw folder does not say when k6 wrote it directly (CI, the k6 operator): taken from
 * the flags, with the run's length from k6's summary and its start from when that summary was written.
 */
function factsFromFlags(rawDir: string, shown: string, o: ReportOptions): RunFacts {
  if (!o.suite)
    throw new UsageError(
      `--suite: ${shown} has no run.json (k6 wrote it, not \`auth0-harness run\`); say which suite ran, e.g. --suite load.`,
    );
  if (!['auth0', 'oidc'].includes(o.profile ?? 'auth0'))
    throw new UsageError(`--profile: "${o.profile}" is not one of auth0, oidc.`);
  const summaryFile = path.join(rawDir, RAW_SUMMARY_FILE);
  // A runner of a split run that stopped before handleSummary still merges (as incomplete).
  if (!existsSync(summaryFile) && !o.merge)
    throw new UsageError(
      `--out: ${shown} has no ${RAW_SUMMARY_FILE}; the bundle's handleSummary writes it to HARNESS_OUT.`,
    );
  const durationMs = readRawResults(rawDir).summary?.state.testRunDurationMs ?? 0;
  const writtenAt = existsSync(summaryFile) ? statSync(summaryFile).mtimeMs : statSync(rawDir).mtimeMs;
  return {
    suite: o.suite,
    target: o.target ?? 'unknown',
    engine: o.engine ?? 'k6',
    profile: (o.profile ?? 'auth0') as 'auth0' | 'oidc',
    startedAt: new Date(writtenAt - durationMs),
    durationMs,
  };
}

/** A raw folder cut short (a killed run, a partial copy) is named as such, not met with a stack trace. */
function checkRawFiles(rawDir: string, flag: string): void {
  for (const name of [RAW_RUN_FILE, RAW_SUMMARY_FILE, RAW_LOAD_SHAPE_FILE]) {
    const file = path.join(rawDir, name);
    if (existsSync(file)) readJsonFile(file, { flag, what: `the ${name} a run writes` });
  }
}

/** The secrets of --config, scrubbed by value; the run's target stands in for a baseUrl it left to --target. */
async function secretsOf(o: ReportOptions, target: string): Promise<KnownSecret[]> {
  if (!o.config) return [];
  const baseUrl = URL.canParse(target) ? new URL(target).origin : undefined;
  return knownSecrets(await resolveHarnessConfig({ file: o.config, flags: { baseUrl } }));
}

function checkLogs(logs: readonly string[]): void {
  for (const log of logs)
    if (!existsSync(log) || !statSync(log).isFile())
      throw new UsageError(
        `--k6-log: ${log} is not a file; give the file k6's log went to (its stderr with --log-format json, or \`kubectl logs\` of the runner).`,
      );
}

/** A runner's raw folder, as --merge names it; a hint when the output folder above it was given instead. */
function checkRunnerFolder(dir: string): void {
  const holds = (file: string) => existsSync(path.join(dir, file));
  if (existsSync(dir) && statSync(dir).isDirectory() && [RAW_SUMMARY_FILE, RAW_METRICS_FILE, RAW_RUN_FILE].some(holds))
    return;
  const inner = path.join(dir, 'raw');
  throw new UsageError(
    existsSync(inner)
      ? `--merge: ${dir} is a runner's output folder; give its raw folder, ${inner}.`
      : `--merge: ${dir} is not a runner's raw folder (one holding ${RAW_SUMMARY_FILE} and ${RAW_METRICS_FILE}); give each runner's raw folder.`,
  );
}

async function mergedReports(o: ReportOptions, outDir: string): Promise<WrittenReports> {
  const dirs = o.merge ?? [];
  for (const dir of dirs) {
    checkRunnerFolder(dir);
    checkRawFiles(dir, '--merge');
  }
  const logs = o.k6Log ?? [];
  if (logs.length && logs.length !== dirs.length)
    throw new UsageError(
      `--k6-log: ${logs.length} log(s) for ${dirs.length} --merge folders; give one log per runner, in the order of its raw folder.`,
    );
  checkLogs(logs);
  for (const [i, log] of logs.entries()) await writeFindingsFromK6Logs(dirs[i], [log]);
  const runners = dirs.map((rawDir) => ({ rawDir, facts: readRunFacts(rawDir) ?? factsFromFlags(rawDir, rawDir, o) }));
  let merged;
  try {
    merged = await mergeRuns(runners, outDir);
  } catch (error) {
    if (error instanceof MergeRefusal) throw new UsageError(`--merge: ${error.message}`);
    throw error;
  }
  return writeReportsFrom(outDir, merged, await secretsOf(o, merged.facts.target));
}

async function runReports(o: ReportOptions, outDir: string): Promise<WrittenReports> {
  const rawDir = path.join(outDir, 'raw');
  if (!existsSync(rawDir))
    throw new UsageError(
      existsSync(path.join(outDir, 'runners'))
        ? `--out: ${o.out} holds the runners of a split run; rebuild it with --merge ${path.join(o.out, 'runners', '*', 'raw')}.`
        : `--out: ${o.out} has no raw/ folder; give the output folder of an \`auth0-harness run\` (or one whose raw/ k6 wrote).`,
    );
  checkRawFiles(rawDir, '--out');
  if (o.k6Log?.length) {
    checkLogs(o.k6Log);
    await writeFindingsFromK6Logs(rawDir, o.k6Log);
  }
  const facts = readRunFacts(rawDir) ?? factsFromFlags(rawDir, path.join(o.out, 'raw'), o);
  return writeReports(outDir, facts, await secretsOf(o, facts.target));
}

/**
 * `auth0-harness report [--out dir] [--config file]`: rebuilds summary.json, JUnit, the latency page
 * and the Allure report from <out>/raw, e.g. after changing a report's code, on another machine
 * that got the raw folder, or from a raw folder that k6 wrote itself (`--k6-log` then takes the
 * findings from k6's log). `--merge` builds them in <out> from the raw folders of a split run's
 * runners instead. `--config` names the harness configuration the run used, so its secrets are
 * scrubbed by value too (token and key shapes are scrubbed in any case).
 */
export async function reportCommand(o: ReportOptions): Promise<number> {
  const outDir = path.resolve(o.out);
  const { summary, allure, timeline } = o.merge ? await mergedReports(o, outDir) : await runReports(o, outDir);
  process.stdout.write(terminalReport(summary, timeline));
  process.stdout.write(
    allure.generated ? `report: ${path.join(o.out, 'allure-report', 'index.html')}\n` : `report: ${allure.reason}\n`,
  );
  return summary.ok ? 0 : 1;
}
