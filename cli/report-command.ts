import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { KnownSecret } from '../reports/known-secrets.ts';
import { knownSecrets } from '../reports/known-secrets.ts';
import { RAW_LOAD_SHAPE_FILE, RAW_SUMMARY_FILE, readRawResults } from '../reports/raw-results.ts';
import { RAW_RUN_FILE, readRunFacts, type RunFacts } from '../reports/run-facts.ts';
import { terminalReport } from '../reports/terminal-table.ts';
import { writeReports } from '../reports/write-reports.ts';
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
}

/**
 * What a run's raw folder does not say when k6 wrote it directly (CI, the k6 operator): taken from
 * the flags, with the run's length from k6's summary and its start from when that summary was written.
 */
function factsFromFlags(rawDir: string, o: ReportOptions): RunFacts {
  if (!o.suite)
    throw new UsageError(
      `--suite: ${path.join(o.out, 'raw')} has no run.json (k6 wrote it, not \`auth0-harness run\`); say which suite ran, e.g. --suite load.`,
    );
  if (!['auth0', 'oidc'].includes(o.profile ?? 'auth0'))
    throw new UsageError(`--profile: "${o.profile}" is not one of auth0, oidc.`);
  const summaryFile = path.join(rawDir, RAW_SUMMARY_FILE);
  if (!existsSync(summaryFile))
    throw new UsageError(
      `--out: ${path.join(o.out, 'raw')} has no ${RAW_SUMMARY_FILE}; the bundle's handleSummary writes it to HARNESS_OUT.`,
    );
  const durationMs = readRawResults(rawDir).summary?.state.testRunDurationMs ?? 0;
  return {
    suite: o.suite,
    target: o.target ?? 'unknown',
    engine: o.engine ?? 'k6',
    profile: (o.profile ?? 'auth0') as 'auth0' | 'oidc',
    startedAt: new Date(statSync(summaryFile).mtimeMs - durationMs),
    durationMs,
  };
}

/**
 * `auth0-harness report [--out dir] [--config file]`: rebuilds summary.json, JUnit, the latency page
 * and the Allure report from <out>/raw, e.g. after changing a report's code, on another machine
 * that got the raw folder, or from a raw folder that k6 wrote itself. `--config` names the harness
 * configuration the run used, so its secrets are scrubbed by value too (token and key shapes are
 * scrubbed in any case).
 */
export async function reportCommand(o: ReportOptions): Promise<number> {
  const outDir = path.resolve(o.out);
  const rawDir = path.join(outDir, 'raw');
  if (!existsSync(rawDir))
    throw new UsageError(
      `--out: ${o.out} has no raw/ folder; give the output folder of an \`auth0-harness run\` (or one whose raw/ k6 wrote).`,
    );
  // A raw folder cut short (a killed run, a partial copy) is named as such, not met with a stack trace.
  for (const name of [RAW_RUN_FILE, RAW_SUMMARY_FILE, RAW_LOAD_SHAPE_FILE]) {
    const file = path.join(rawDir, name);
    if (existsSync(file)) readJsonFile(file, { flag: '--out', what: `the ${name} a run writes` });
  }
  const facts = readRunFacts(rawDir) ?? factsFromFlags(rawDir, o);
  // The file alone, checked as `run` checks it; the run's target stands in for a baseUrl it left to --target.
  const secrets: KnownSecret[] = o.config
    ? knownSecrets(
        await resolveHarnessConfig({
          file: o.config,
          flags: { baseUrl: URL.canParse(facts.target) ? new URL(facts.target).origin : undefined },
        }),
      )
    : [];
  const { summary, allure, timeline } = await writeReports(outDir, facts, secrets);
  process.stdout.write(terminalReport(summary, timeline));
  process.stdout.write(
    allure.generated ? `report: ${path.join(o.out, 'allure-report', 'index.html')}\n` : `report: ${allure.reason}\n`,
  );
  return summary.ok ? 0 : 1;
}
