import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { RAW_FINDINGS_FILE, RAW_SUMMARY_FILE, type K6SummaryData } from '../reports/raw-results.ts';
import type { FindMaxResult, FindMaxStep } from '../reports/run-summary.ts';

// --find-max: per flow, short smoke-shaped runs at a rising arrival rate (doubling) until one breaches
// a threshold or sees a 429, then a binary search back down between the last good and the first bad
// rate. Every step's raw results stay under <out>/raw/find-max/<flow>-<rate>/; the top-level report is
// built from all steps' checks and the best step of each flow.

export type { FindMaxResult };

export interface FindMaxRequest {
  flows: string[];
  env: Record<string, string>;
  rawDir: string;
  runStep(env: Record<string, string>, rawDir: string): Promise<number | null>;
}

const MAX_RAISES = 6;
const SEARCH_STEPS = 3;

function judge(exitCode: number | null, summary: K6SummaryData | undefined): Omit<FindMaxStep, 'rate' | 'raw'> {
  const metrics = summary?.metrics ?? {};
  const rejected = metrics['http_reqs{status:429}']?.values.count ?? 0;
  let p95 = 0;
  let errorRate = 0;
  for (const [key, metric] of Object.entries(metrics)) {
    if (key.startsWith('http_req_duration{endpoint:')) p95 = Math.max(p95, metric.values['p(95)'] ?? 0);
    if (key.startsWith('http_req_failed{endpoint:')) errorRate = Math.max(errorRate, metric.values.rate ?? 0);
  }
  const breached = Object.entries(metrics).flatMap(([key, m]) =>
    Object.entries(m.thresholds ?? {})
      .filter(([, t]) => !t.ok)
      .map(([expr]) => `${key} ${expr}`),
  );
  const reason =
    exitCode !== 0 && exitCode !== 99
      ? `the run ended with exit code ${exitCode}`
      : rejected > 0
        ? `${rejected} responses were 429`
        : breached.length
          ? `threshold crossed: ${breached[0]}`
          : undefined;
  return { ok: reason === undefined, ...(reason ? { reason } : {}), p95Ms: p95, errorRate, rejected429: rejected };
}

export async function findMax(req: FindMaxRequest): Promise<FindMaxResult[]> {
  const results: FindMaxResult[] = [];
  const startRate = Number(req.env.HARNESS_LOAD_RATE ?? 5);
  const ceiling = req.env.HARNESS_MAX_RPS ? Number(req.env.HARNESS_MAX_RPS) : Infinity;
  const merged: K6SummaryData = {
    state: { testRunDurationMs: 0 },
    metrics: {},
    root_group: { name: '', path: '', groups: [], checks: [] },
  };

  for (const flow of req.flows) {
    const steps: FindMaxStep[] = [];
    const bestSummaries = new Map<number, K6SummaryData>();
    const step = async (rate: number): Promise<boolean> => {
      const rounded = Math.round(rate * 100) / 100;
      const name = `${flow}-${rounded}`;
      const dir = path.join(req.rawDir, 'find-max', name);
      mkdirSync(dir, { recursive: true });
      const code = await req.runStep(
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
      const verdict = judge(code, summary);
      steps.push({ rate: rounded, ...verdict, raw: path.relative(path.dirname(req.rawDir), file) });
      process.stderr.write(
        `find-max: ${flow} at ${rounded}/s: ${verdict.ok ? 'sustained' : `breach (${verdict.reason})`}\n`,
      );
      if (summary) {
        merged.root_group.checks.push(...summary.root_group.checks);
        if (verdict.ok) bestSummaries.set(rounded, summary);
      }
      const findings = path.join(dir, RAW_FINDINGS_FILE);
      if (existsSync(findings)) appendFileSync(path.join(req.rawDir, RAW_FINDINGS_FILE), readFileSync(findings));
      return verdict.ok;
    };

    let good = 0;
    let bad: number | undefined;
    let rate = Math.min(startRate, ceiling);
    for (let i = 0; i < MAX_RAISES; i++) {
      if (await step(rate)) good = rate;
      else {
        bad = rate;
        break;
      }
      if (rate >= ceiling) break;
      rate = Math.min(rate * 2, ceiling);
    }
    // Search back down between the last sustained rate and the first breach.
    for (let i = 0; bad !== undefined && i < SEARCH_STEPS && bad - good > Math.max(0.5, good * 0.1); i++) {
      const mid = good === 0 ? bad / 2 : (good + bad) / 2;
      if (await step(mid)) good = mid;
      else bad = mid;
    }
    const best = bestSummaries.get(Math.round(good * 100) / 100);
    if (best) {
      Object.assign(merged.metrics, best.metrics);
      merged.state.testRunDurationMs = best.state.testRunDurationMs;
    }
    results.push({ flow, maxSustainableRate: Math.round(good * 100) / 100, ceilingReached: bad === undefined, steps });
  }
  writeFileSync(path.join(req.rawDir, RAW_SUMMARY_FILE), JSON.stringify(merged));
  return results;
}

/** The terminal lines of a find-max run: the rate per flow and the steps behind it. */
export function findMaxReport(results: FindMaxResult[]): string {
  const lines = results.map((r) => {
    const steps = r.steps.map((s) => `${s.rate}${s.ok ? '✓' : '✗'}`).join(' ');
    return `  find-max: ${r.flow}: ${r.maxSustainableRate}/s sustained${r.ceilingReached ? ' (ceiling reached, no breach)' : ''}; steps ${steps}`;
  });
  return `${lines.join('\n')}\n`;
}
