import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { MEASURED } from '../lib/k6-and-node/load-shapes.ts';
import { flattenChecks, RAW_SUMMARY_FILE, type K6SummaryData } from '../reports/raw-results.ts';
import type { FindMaxResult, FindMaxStep } from '../reports/run-summary.ts';
import { writeFindMaxRawResults, type ReportedStep } from './find-max-raw-results.ts';

// --find-max: per flow, short smoke-shaped runs at a rising arrival rate (doubling) until one breaches
// a threshold or sees a 429, then a binary search back down between the last good and the first bad
// rate. A breach is the search's signal, not a failure of the run. A step that fails for any other
// reason (the engine did not finish it, no measured request got a response, or a sampled response
// failed its checks while the target kept up) ends the flow's search, and the run is not green. Every step's raw results stay under
// <out>/raw/find-max/<flow>-<rate>/; the run's reports are those of each flow's best step.

export type { FindMaxResult };

interface StepRun {
  exitCode: number | null;
  /** Why the engine did not finish the step (interrupted, crashed…), when it did not. */
  incomplete?: string;
}

export interface FindMaxRequest {
  flows: string[];
  env: Record<string, string>;
  rawDir: string;
  /** Runs the bundle with `env`, its raw results (summary, findings, JSON metrics) in `rawDir`. */
  runStep(env: Record<string, string>, rawDir: string): Promise<StepRun>;
  /** The signal that interrupted the run, once one did: no further step starts. */
  interrupted(): string | undefined;
}

export interface FindMaxOutcome {
  results: FindMaxResult[];
  /** Why the search could not complete, when it could not: the run is then not green. */
  incomplete?: string;
}

const MEASURED_REQUESTS = new RegExp(`^http_reqs\\{endpoint:.+,phase:${MEASURED}\\}$`);
const MAX_RAISES = 6;
const SEARCH_STEPS = 3;

type Verdict = Omit<FindMaxStep, 'rate' | 'raw'> & {
  /** A failure that is no signal of the rate: the search stops there. */
  failure?: string;
};

function stepVerdict(run: StepRun, summary: K6SummaryData | undefined): Verdict {
  const metrics = summary?.metrics ?? {};
  const rejected = metrics['http_reqs{status:429}']?.values.count ?? 0;
  let p95 = 0;
  let errorRate = 0;
  for (const [key, metric] of Object.entries(metrics)) {
    if (key.startsWith('http_req_duration{endpoint:')) p95 = Math.max(p95, metric.values['p(95)'] ?? 0);
    if (key.startsWith('http_req_failed{endpoint:')) errorRate = Math.max(errorRate, metric.values.rate ?? 0);
  }
  const figures = { p95Ms: p95, errorRate, rejected429: rejected };
  const breached = Object.entries(metrics).flatMap(([key, m]) =>
    Object.entries(m.thresholds ?? {})
      .filter(([, t]) => !t.ok)
      .map(([expr]) => `${key} ${expr}`),
  );
  const failedChecks = summary ? flattenChecks(summary.root_group).reduce((n, c) => n + c.fails, 0) : 0;
  const measured = Object.entries(metrics)
    .filter(([key]) => MEASURED_REQUESTS.test(key))
    .reduce((n, [, m]) => n + (m.values.count ?? 0), 0);
  const unanswered = metrics[`http_reqs{status:0,phase:${MEASURED}}`]?.values.count ?? 0;
  const failure = run.incomplete
    ? run.incomplete
    : !summary
      ? 'the step wrote no summary'
      : measured > 0 && unanswered >= measured
        ? `none of its ${measured} measured requests got a response: the target is unreachable or stopped answering`
        : rejected === 0 && breached.length === 0 && failedChecks > 0
          ? `${failedChecks} sampled check(s) failed while the target kept up (no 429, every threshold held)`
          : undefined;
  if (failure) return { ok: false, reason: failure, failure, ...figures };
  const reason =
    rejected > 0 ? `${rejected} responses were 429` : breached.length ? `threshold crossed: ${breached[0]}` : undefined;
  return { ok: reason === undefined, ...(reason ? { reason } : {}), ...figures };
}

const round = (rate: number) => Math.round(rate * 100) / 100;

interface FlowSearch {
  result: FindMaxResult;
  /** The step the reports show: the best sustained one, or when none held the lowest one tried. */
  reported?: ReportedStep;
  /** The step that failed for a reason other than the rate, when it is not the reported one. */
  failed?: ReportedStep;
  interrupted: boolean;
}

async function searchFlow(req: FindMaxRequest, flow: string): Promise<FlowSearch> {
  const startRate = Number(req.env.HARNESS_LOAD_RATE ?? 5);
  const ceiling = req.env.HARNESS_MAX_RPS ? Number(req.env.HARNESS_MAX_RPS) : Infinity;
  const steps: FindMaxStep[] = [];
  const taken = new Map<number, ReportedStep>();
  let failure: string | undefined;
  /** Runs one step; true when the target sustained the rate, undefined when the search must stop. */
  const step = async (rate: number): Promise<boolean | undefined> => {
    const rounded = round(rate);
    const dir = path.join(req.rawDir, 'find-max', `${flow}-${rounded}`);
    mkdirSync(dir, { recursive: true });
    const run = await req.runStep(
      {
        ...req.env,
        HARNESS_LOAD_SHAPE: 'smoke',
        HARNESS_LOAD_MIX: `${flow}=1`,
        HARNESS_LOAD_RATE: String(rounded),
        HARNESS_LOAD_DURATION_S: req.env.HARNESS_LOAD_DURATION_S ?? '5',
      },
      dir,
    );
    const file = path.join(dir, RAW_SUMMARY_FILE);
    const summary = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as K6SummaryData) : undefined;
    const { failure: failed, ...verdict } = stepVerdict(run, summary);
    steps.push({ rate: rounded, ...verdict, raw: path.relative(path.dirname(req.rawDir), file) });
    taken.set(rounded, { flow, rate: rounded, dir });
    const said = verdict.ok ? 'sustained' : failed ? `failed (${failed})` : `breach (${verdict.reason})`;
    process.stderr.write(`find-max: ${flow} at ${rounded}/s: ${said}\n`);
    if (failed) {
      failure = `${flow} at ${rounded}/s: ${failed}`;
      return undefined;
    }
    return verdict.ok;
  };

  let good = 0;
  let bad: number | undefined;
  let rate = Math.min(startRate, ceiling);
  for (let i = 0; i < MAX_RAISES && !req.interrupted(); i++) {
    const held = await step(rate);
    if (held === undefined) break;
    if (held) good = rate;
    else {
      bad = rate;
      break;
    }
    if (rate >= ceiling) break;
    rate = Math.min(rate * 2, ceiling);
  }
  // Search back down between the last sustained rate and the first breach.
  for (let i = 0; i < SEARCH_STEPS && bad !== undefined && bad - good > Math.max(0.5, good * 0.1); i++) {
    if (failure || req.interrupted()) break;
    const mid = good === 0 ? bad / 2 : (good + bad) / 2;
    const held = await step(mid);
    if (held === undefined) break;
    if (held) good = mid;
    else bad = mid;
  }

  const signal = req.interrupted();
  if (signal && !failure) failure = `${flow}: interrupted by ${signal}`;
  const shown = good > 0 ? round(good) : Math.min(...steps.map((s) => s.rate));
  const last = steps.at(-1)?.rate;
  if (!failure && good === 0 && steps.length > 0)
    failure = `${flow}: no rate held, down to ${shown}/s (${steps.find((s) => s.rate === shown)?.reason})`;
  return {
    result: {
      flow,
      maxSustainableRate: round(good),
      ceilingReached: bad === undefined && !failure,
      ...(failure ? { incomplete: failure } : {}),
      steps,
    },
    reported: taken.get(shown),
    failed: failure && last !== undefined && last !== shown ? taken.get(last) : undefined,
    interrupted: signal !== undefined,
  };
}

export async function findMax(req: FindMaxRequest): Promise<FindMaxOutcome> {
  const searches: FlowSearch[] = [];
  for (const flow of req.flows) {
    if (req.interrupted()) break;
    searches.push(await searchFlow(req, flow));
  }
  const stepsOf = (pick: (s: FlowSearch) => ReportedStep | undefined) =>
    searches.map(pick).filter((s): s is ReportedStep => s !== undefined);
  await writeFindMaxRawResults(
    req.rawDir,
    stepsOf((s) => s.reported),
    stepsOf((s) => s.failed),
    req.env,
  );
  const stoppedBy = req.interrupted();
  const problems = [
    ...(stoppedBy ? [`interrupted by ${stoppedBy}; the reports cover the steps measured until then`] : []),
    // The interrupted flow's own step is said once, above.
    ...searches.flatMap((s) => (s.result.incomplete && !s.interrupted ? [s.result.incomplete] : [])),
  ];
  return {
    results: searches.map((s) => s.result),
    ...(problems.length ? { incomplete: `find-max could not complete: ${problems.join('; ')}` } : {}),
  };
}

/** The terminal lines of a find-max run: the rate per flow and the steps behind it. */
export function findMaxReport(results: FindMaxResult[]): string {
  const lines = results.map((r) => {
    const steps = r.steps.map((s) => `${s.rate}${s.ok ? '✓' : '✗'}`).join(' ');
    const found = r.incomplete
      ? `search incomplete (${r.incomplete}); best so far ${r.maxSustainableRate}/s`
      : `${r.maxSustainableRate}/s sustained${r.ceilingReached ? ' (ceiling reached, no breach)' : ''}, the figures above are that step's`;
    return `  find-max: ${r.flow}: ${found}; steps ${steps}`;
  });
  return `${lines.join('\n')}\n`;
}
