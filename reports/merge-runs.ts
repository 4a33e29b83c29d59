import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Finding } from '../lib/k6-and-node/result-protocol.ts';
import { canonicalLoadShape } from './baseline-compare.ts';
import { segmentCoverage } from './execution-segments.ts';
import { MergeRefusal } from './merge-refusal.ts';
import { MergedMetrics } from './merged-metrics.ts';
import { RAW_METRICS_FILE, readRawResults, type K6Group, type K6SummaryData, type RawResults } from './raw-results.ts';
import type { RunFacts } from './run-facts.ts';
import { readRunMetrics } from './run-metrics.ts';
import type { LoadShape, RunnerRow } from './run-summary.ts';
import type { ReportSource } from './write-reports.ts';

// The runners of a split run (k6-operator's pods, `run --local-runners`) as one run: each left a raw
// folder with k6's summary of its segment and its k6 JSON output with every sample. The merged run
// is what one process running the whole test would have reported: samples from every runner in
// one set (so percentiles are exact, not averaged), counts and checks summed, thresholds judged
// again on the merged figures. It is incomplete when a runner was, or when the runners' segments
// leave part of the test unrun.

export interface RunnerSource {
  /** The runner's raw folder. */
  rawDir: string;
  /** What ran: its run.json, or what the flags say for a folder k6 wrote itself. */
  facts: RunFacts;
}

interface Runner extends RunnerSource {
  raw: RawResults;
  metricsFile: string;
  /** Its raw folder relative to the merged output folder. */
  name: string;
}

/** Checks summed by name, group by group, as one k6 process would have counted them. */
function mergeGroups(groups: readonly K6Group[]): K6Group {
  const checks = new Map<string, { name: string; passes: number; fails: number }>();
  const subgroups = new Map<string, K6Group[]>();
  for (const group of groups) {
    for (const c of group.checks) {
      const sum = checks.get(c.name) ?? { name: c.name, passes: 0, fails: 0 };
      sum.passes += c.passes;
      sum.fails += c.fails;
      checks.set(c.name, sum);
    }
    for (const g of group.groups) subgroups.set(g.name, [...(subgroups.get(g.name) ?? []), g]);
  }
  return {
    name: groups[0].name,
    path: groups[0].path,
    groups: [...subgroups.values()].map(mergeGroups),
    checks: [...checks.values()],
  };
}

/** The one value every runner must share (what ran, against what), or a refusal naming the two that differ. */
function shared<T>(runners: readonly Runner[], what: string, valueOf: (r: Runner) => T, show = (v: T) => `${v}`): T {
  const first = runners[0];
  const differing = runners.find((r) => show(valueOf(r)) !== show(valueOf(first)));
  if (differing)
    throw new MergeRefusal(
      `${first.rawDir} and ${differing.rawDir} differ in ${what} (${show(valueOf(first))}, ${show(valueOf(differing))}); merge the runners of one run only.`,
    );
  return valueOf(first);
}

function runnerProblem(r: Runner): string | undefined {
  if (r.facts.incomplete) return r.facts.incomplete;
  if (r.raw.summary) return undefined;
  return existsSync(r.metricsFile)
    ? 'it left no k6 summary (it stopped before handleSummary), only part of its JSON output'
    : 'it left no k6 summary and no JSON output';
}

const runnerName = (r: Runner) => (r.facts.segment ? `${r.name} (segment ${r.facts.segment})` : r.name);

/** Why the merged run is incomplete: runners that were (alike reasons told once), and segments no runner ran. */
function incompleteReason(runners: readonly Runner[]): string | undefined {
  const byReason = new Map<string, string[]>();
  for (const r of runners) {
    const problem = runnerProblem(r);
    if (problem) byReason.set(problem, [...(byReason.get(problem) ?? []), runnerName(r)]);
  }
  const reasons = [...byReason].map(
    ([reason, names]) => `${names.length > 1 ? 'runners' : 'runner'} ${names.join(', ')}: ${reason}`,
  );
  const segments = runners.map((r) => r.facts.segment);
  // Raw folders k6 wrote itself do not say their segment: their coverage cannot be checked.
  if (segments.every((s) => s !== undefined)) {
    const coverage = segmentCoverage(segments as string[]);
    if (coverage?.kind === 'gap') reasons.push(`the runners do not cover the whole test: ${coverage.message}`);
    else if (coverage)
      throw new MergeRefusal(
        `the runners' execution segments cannot make one run: ${coverage.message}; give each runner's raw folder once.`,
      );
  }
  return reasons.length ? reasons.join('; ') : undefined;
}

function runnerRow(r: Runner): RunnerRow {
  const requests = r.raw.summary?.metrics.http_reqs?.values.count;
  const incomplete = runnerProblem(r);
  return {
    raw: r.name,
    ...(r.facts.segment ? { segment: r.facts.segment } : {}),
    engine: r.facts.engine,
    startedAt: r.facts.startedAt.toISOString(),
    durationMs: Math.round(r.facts.durationMs),
    ...(requests !== undefined ? { requests } : {}),
    ...(incomplete ? { incomplete } : {}),
  };
}

/** Every runner's findings, each told once (a skip is logged alike by every runner). */
function mergedFindings(runners: readonly Runner[]): Finding[] {
  const seen = new Map<string, Finding>();
  for (const f of runners.flatMap((r) => r.raw.findings)) {
    const key = JSON.stringify(f);
    if (!seen.has(key)) seen.set(key, f);
  }
  return [...seen.values()];
}

/**
 * Merges the runners' raw folders into what the reports are made of (writeReportsFrom). `outDir` is
 * where the merged reports go: the runners are listed relative to it.
 */
export async function mergeRuns(sources: readonly RunnerSource[], outDir: string): Promise<ReportSource> {
  if (sources.length === 0) throw new MergeRefusal("there is no raw folder to merge; give each runner's raw folder.");
  const runners: Runner[] = [];
  const given = new Set<string>();
  for (const source of sources) {
    const resolved = path.resolve(source.rawDir);
    if (given.has(resolved))
      throw new MergeRefusal(`${source.rawDir} is given twice; give each runner's raw folder once.`);
    given.add(resolved);
    const runner = {
      ...source,
      raw: readRawResults(source.rawDir),
      metricsFile: path.join(source.rawDir, RAW_METRICS_FILE),
      name: path.relative(outDir, resolved) || '.',
    };
    if (runner.raw.summary && !existsSync(runner.metricsFile))
      throw new MergeRefusal(
        `${source.rawDir} has no ${RAW_METRICS_FILE}: a merge computes its percentiles from every sample, so each runner needs k6's JSON output (--out json=${path.join(source.rawDir, RAW_METRICS_FILE)}).`,
      );
    runners.push(runner);
  }
  const suite = shared(runners, 'suite', (r) => r.facts.suite);
  const target = shared(runners, 'target', (r) => r.facts.target);
  const profile = shared(runners, 'profile', (r) => r.facts.profile);
  const loadShape = shared(
    runners,
    'load shape',
    (r): LoadShape | null => r.facts.loadShape ?? r.raw.loadShape ?? null,
    canonicalLoadShape,
  );
  const incomplete = incompleteReason(runners);

  const summaries = runners.flatMap((r) => (r.raw.summary ? [r.raw.summary] : []));
  const merged = new MergedMetrics(summaries);
  const metrics = await readRunMetrics(
    runners.map((r) => r.metricsFile),
    merged,
  );
  // The runners run side by side: the test lasted as long as the longest of them.
  const testRunDurationMs = Math.max(0, ...summaries.map((s) => s.state.testRunDurationMs));
  const summary: K6SummaryData | undefined = summaries.length
    ? {
        state: { testRunDurationMs },
        metrics: merged.summaryMetrics(testRunDurationMs / 1000),
        root_group: mergeGroups(summaries.map((s) => s.root_group)),
      }
    : undefined;

  const startedAt = Math.min(...runners.map((r) => r.facts.startedAt.getTime()));
  const endedAt = Math.max(...runners.map((r) => r.facts.startedAt.getTime() + r.facts.durationMs));
  const engines = [...new Set(runners.map((r) => r.facts.engine))];
  // Every runner was given the same --expected-failures file.
  const expectedFailures = runners.find((r) => r.facts.expectedFailures)?.facts.expectedFailures;
  const facts: RunFacts = {
    suite,
    target,
    profile,
    engine: `${engines.join(' + ')} (${runners.length} ${runners.length === 1 ? 'runner' : 'runners'}, merged)`,
    startedAt: new Date(startedAt),
    durationMs: endedAt - startedAt,
    ...(incomplete ? { incomplete } : {}),
    ...(expectedFailures ? { expectedFailures } : {}),
    loadShape,
    runners: runners.map(runnerRow),
  };
  return {
    facts,
    raw: { summary, findings: mergedFindings(runners), ...(loadShape ? { loadShape } : {}) },
    metrics,
  };
}
