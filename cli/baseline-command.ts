import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import {
  BASELINE_METRICS,
  compareWithBaseline,
  defaultTolerances,
  minimumRequests,
  PERCENTILE_METRICS,
  type BaselineMetric,
  type Tolerances,
} from '../reports/baseline-compare.ts';
import { baselineTable } from '../reports/baseline-table.ts';
import type { RunSummary } from '../reports/run-summary.ts';
import { UsageError } from './usage-error.ts';

// `auth0-harness baseline save|compare`, and the `--baseline` gate of `run`. A baseline is simply a
// run's summary.json kept aside: the comparison reads its endpoints and load shape.

const EndpointRow = z.object({
  endpoint: z.string(),
  requests: z.number(),
  p50: z.number(),
  p95: z.number(),
  p99: z.number(),
  max: z.number(),
  errorRate: z.number(),
  rps: z.number(),
});

// What a comparison needs from summary.json; other fields pass through untouched.
const ComparableSummary = z.looseObject({
  schemaVersion: z.number(),
  suite: z.string(),
  target: z.string(),
  engine: z.string(),
  startedAt: z.string(),
  endpoints: z.array(EndpointRow),
  loadShape: z.looseObject({ name: z.string() }).nullable().optional(),
  incomplete: z.string().optional(),
});

export function readSummaryFile(file: string, flag: string): RunSummary {
  if (!existsSync(file))
    throw new UsageError(
      `${flag}: ${file} does not exist; give the path of a summary.json written by \`auth0-harness run\` (or saved by \`baseline save\`).`,
    );
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`${flag}: ${file} is not valid JSON (${(error as Error).message}).`);
  }
  const parsed = ComparableSummary.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  - ${i.path.join('.') || '(file)'}: ${i.message}`).join('\n');
    throw new UsageError(`${flag}: ${file} is not an auth0-harness summary.json:\n${problems}`);
  }
  return parsed.data as unknown as RunSummary;
}

/** `--tolerance p95=15` (repeatable): percent per metric, the others keep the default. */
export function parseTolerances(specs: string[]): Tolerances {
  const tolerances = defaultTolerances();
  for (const spec of specs) {
    const m = /^([A-Za-z0-9]+)=(\d+(?:\.\d+)?)%?$/.exec(spec.trim());
    if (!m)
      throw new UsageError(
        `--tolerance: "${spec}" is not METRIC=PERCENT; write e.g. --tolerance p95=15 (metrics: ${BASELINE_METRICS.join(', ')}).`,
      );
    if (!BASELINE_METRICS.includes(m[1] as BaselineMetric))
      throw new UsageError(`--tolerance: "${m[1]}" is not a metric; choose one of ${BASELINE_METRICS.join(', ')}.`);
    tolerances[m[1] as BaselineMetric] = Number(m[2]);
  }
  return tolerances;
}

/**
 * Prints the comparison of a run with a baseline file and says whether it held. Runs that cannot
 * be compared (another suite, another load shape) are a usage error: the gate must not pass by
 * comparing nothing.
 */
export function compareWithBaselineFile(
  file: string,
  current: RunSummary,
  out: NodeJS.WritableStream,
  tolerances: Tolerances = defaultTolerances(),
  flag = '--baseline',
): boolean {
  const baseline = readSummaryFile(file, flag);
  const comparison = compareWithBaseline(baseline, current, tolerances);
  if (!comparison.comparable)
    throw new UsageError(`${flag}: ${file} cannot be compared with this run: ${comparison.reason}.`);
  out.write(baselineTable(baseline, current, comparison));
  return !comparison.regressed;
}

const defaultBaselineFile = (summary: RunSummary) =>
  path.join('baselines', `${summary.suite}${summary.loadShape ? `-${summary.loadShape.name}` : ''}.json`);

/** What a later gate on this run would not vouch for: failures it saved, percentiles it cannot compare. */
function baselineWarnings(file: string, summary: RunSummary): string[] {
  const warnings: string[] = [];
  if (summary.ok === false) {
    const checks = (summary.checks ?? []).filter((c) => c.severity === 'failure' && c.fails > 0 && !c.expectedFailure);
    const thresholds = (summary.thresholds ?? []).filter((t) => !t.ok);
    const what = [
      checks.length ? `${checks.length} check(s) failed` : '',
      thresholds.length ? `${thresholds.length} threshold(s) crossed` : '',
    ].filter(Boolean);
    warnings.push(
      `${file} is a failed run${what.length ? ` (${what.join(', ')})` : ''}; it is saved as asked, but a gate on it lets a run as bad as this one pass.`,
    );
  }
  const short = summary.endpoints.flatMap((e) => {
    const metrics = PERCENTILE_METRICS.filter((m) => e.requests < minimumRequests(m));
    return metrics.length ? [`${e.endpoint} (${e.requests}: ${metrics.join(', ')})`] : [];
  });
  if (short.length)
    warnings.push(
      `too few measured requests to compare these percentiles later: ${short.join('; ')}. An endpoint needs ${PERCENTILE_METRICS.map((m) => `${minimumRequests(m)} for ${m}`).join(', ')}; run longer or at a higher rate for a latency baseline.`,
    );
  return warnings;
}

/**
 * `baseline save [--from out/summary.json] [--to <file>]`. An incomplete run is refused (its
 * figures cover part of the shape, and its rates are wrong for the whole); a failed run, or one
 * with too few requests for some percentiles, is saved with a warning on stderr.
 */
export function baselineSave(o: { from: string; to?: string }): number {
  const summary = readSummaryFile(o.from, '--from');
  if (summary.incomplete) {
    throw new UsageError(
      `--from: ${o.from} is an incomplete run (${summary.incomplete}); a baseline must be a complete run, so run the suite again and save that.`,
    );
  }
  const to = o.to ?? defaultBaselineFile(summary);
  for (const warning of baselineWarnings(o.from, summary)) process.stderr.write(`warning: ${warning}\n`);
  mkdirSync(path.dirname(path.resolve(to)), { recursive: true });
  writeFileSync(to, readFileSync(o.from));
  process.stdout.write(
    `baseline: saved ${o.from} as ${to} (${summary.suite}, ${summary.endpoints.length} endpoint(s), load shape ${summary.loadShape ? JSON.stringify(summary.loadShape) : 'none'})\n` +
      `baseline: gate a later run of the same shape on it with --baseline ${to}\n`,
  );
  return 0;
}

/** `baseline compare <old> <new> [--tolerance metric=percent]…`: 0 within tolerance, 1 regressed. */
export function baselineCompare(oldFile: string, newFile: string, o: { tolerance: string[] }): number {
  const tolerances = parseTolerances(o.tolerance);
  const current = readSummaryFile(newFile, 'baseline compare <new>');
  return compareWithBaselineFile(oldFile, current, process.stdout, tolerances, 'baseline compare <old>') ? 0 : 1;
}
