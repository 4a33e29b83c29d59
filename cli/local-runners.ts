import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { KnownSecret } from '../reports/known-secrets.ts';
import { writeRunFacts, type RunFacts } from '../reports/run-facts.ts';
import type { WrittenReports } from '../reports/write-reports.ts';
import type { Runner } from './split-run.ts';

// `run load --local-runners N`: N engine processes on this machine, each a runner of the split run
// with its own segment, as k6-operator's pods would be, all against one tenant. Each leaves an
// output folder of its own, <out>/runners/<i>/ (its raw/ is what a pod leaves on the results
// volume, and `auth0-harness report --out <out>/runners/<i>` reports its share alone); the merged
// reports go to <out>.

const RUNNERS_DIR = 'runners';

export interface LocalRunner extends Runner {
  /** How its log lines are marked, e.g. `runner 2/3`. */
  label: string;
  rawDir: string;
}

export interface RunnerOutcome {
  runner: LocalRunner;
  startedAt: Date;
  durationMs: number;
  incomplete?: string;
}

/** Each runner's folder under <out>/runners, emptied of a previous run's, as <out>/raw is. */
export function prepareRunnerFolders(outDir: string, runners: readonly Runner[]): LocalRunner[] {
  rmSync(path.join(outDir, 'raw'), { recursive: true, force: true });
  rmSync(path.join(outDir, RUNNERS_DIR), { recursive: true, force: true });
  return runners.map((r) => {
    const rawDir = path.join(outDir, RUNNERS_DIR, String(r.index), 'raw');
    mkdirSync(rawDir, { recursive: true });
    return { ...r, label: `runner ${r.index}/${r.count}`, rawDir };
  });
}

/** Runs every runner at once, each timed on its own. */
export function runAll(
  runners: readonly LocalRunner[],
  run: (runner: LocalRunner) => Promise<{ incomplete?: string }>,
): Promise<RunnerOutcome[]> {
  return Promise.all(
    runners.map(async (runner) => {
      const startedAt = new Date();
      const { incomplete } = await run(runner);
      return { runner, startedAt, durationMs: Date.now() - startedAt.getTime(), ...(incomplete ? { incomplete } : {}) };
    }),
  );
}

/**
 * Writes each runner's run.json (what ran, its segment, whether it completed) and the merged reports
 * in <out>. `facts` is what the whole run knew; a runner that never started has no outcome and
 * takes the run's own reason for being incomplete.
 */
export async function writeLocalRunnerReports(
  outDir: string,
  facts: RunFacts,
  runners: readonly LocalRunner[],
  outcomes: readonly RunnerOutcome[],
  secrets: readonly KnownSecret[],
): Promise<WrittenReports> {
  const sources = runners.map((runner) => {
    const outcome = outcomes.find((o) => o.runner === runner);
    const incomplete = outcome?.incomplete ?? facts.incomplete;
    const { incomplete: _, ...whole } = facts;
    const runnerFacts: RunFacts = {
      ...whole,
      startedAt: outcome?.startedAt ?? facts.startedAt,
      durationMs: outcome?.durationMs ?? 0,
      segment: runner.segment,
      ...(incomplete ? { incomplete } : {}),
    };
    writeRunFacts(runner.rawDir, runnerFacts);
    return { rawDir: runner.rawDir, facts: runnerFacts };
  });
  // Imported when the runners are done, as run-suite.ts imports the report writers.
  const { mergeRuns } = await import('../reports/merge-runs.ts');
  const { writeReportsFrom } = await import('../reports/write-reports.ts');
  return writeReportsFrom(outDir, await mergeRuns(sources, outDir), secrets);
}
