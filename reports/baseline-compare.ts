import type { EndpointRow, LoadShape, RunSummary } from './run-summary.ts';

// A run against its baseline, endpoint by endpoint: is it slower, more error-prone, or serving less?
// Changes are relative to the baseline, in percent; a metric regresses when it moved the wrong way
// by more than its tolerance. A metric at zero in the baseline that is no longer zero has moved by
// an unbounded amount (so `errorRate=0` means "no new errors at all").

export const BASELINE_METRICS = ['p50', 'p95', 'p99', 'errorRate', 'rps'] as const;
export type BaselineMetric = (typeof BASELINE_METRICS)[number];
export type Tolerances = Record<BaselineMetric, number>;

const DEFAULT_TOLERANCE_PERCENT = 10;
export const defaultTolerances = (): Tolerances =>
  Object.fromEntries(BASELINE_METRICS.map((m) => [m, DEFAULT_TOLERANCE_PERCENT])) as Tolerances;

/**
 * Measured requests a percentile needs, in both runs, to be compared at all. An empirical p-th
 * percentile of n requests is set by the n·(1 − p) requests beyond it (for p50, by either half):
 * that count is binomial, with a relative spread of about 1/√(n·(1 − p)), so with 2 samples "p95" is
 * simply the slower request and with 20 samples "p99" the slowest. Asking for at least 10 requests
 * beyond the percentile gives every percentile the same footing (a spread of about ±30 % in the tail
 * count): p50 needs 20 requests, p95 200 and p99 1000. Below that the metric is not compared
 * ("insufficient samples"), which is not a regression. Error rates and the rate served are counts,
 * not estimates of a distribution's tail, and are always compared.
 */
const MIN_REQUESTS_BEYOND_PERCENTILE = 10;
const PERCENTILE_OF: Partial<Record<BaselineMetric, number>> = { p50: 50, p95: 95, p99: 99 };
export const PERCENTILE_METRICS = BASELINE_METRICS.filter((m) => PERCENTILE_OF[m] !== undefined);

/** Fewest measured requests per endpoint for `metric` to be compared (1 for the counted metrics). */
export function minimumRequests(metric: BaselineMetric): number {
  const p = PERCENTILE_OF[metric];
  if (p === undefined) return 1;
  return Math.ceil((MIN_REQUESTS_BEYOND_PERCENTILE * 100) / Math.min(p, 100 - p));
}

/** Latency and errors regress upwards; the rate served regresses downwards. */
const WORSE_WHEN: Record<BaselineMetric, 'higher' | 'lower'> = {
  p50: 'higher',
  p95: 'higher',
  p99: 'higher',
  errorRate: 'higher',
  rps: 'lower',
};

export interface MetricChange {
  endpoint: string;
  metric: BaselineMetric;
  baseline: number;
  current: number;
  /** (current − baseline) / baseline in percent; ±Infinity from a zero baseline. */
  changePercent: number;
  tolerancePercent: number;
  regressed: boolean;
  /** Set when either run measured too few requests for this metric: it was not compared. */
  insufficientSamples?: { requests: number; needed: number };
}

export type BaselineComparison =
  | { comparable: false; reason: string }
  | {
      comparable: true;
      changes: MetricChange[];
      /** Endpoints the baseline measured and this run did not: the gate cannot vouch for them. */
      missing: string[];
      /** Endpoints new in this run, with nothing to compare against. */
      added: string[];
      regressed: boolean;
    };

/** A load shape as a string that two equal shapes share, whatever the order of their fields. */
export function canonicalLoadShape(shape: LoadShape | null | undefined): string {
  if (!shape) return 'null';
  return JSON.stringify(Object.fromEntries(Object.entries(shape).sort(([a], [b]) => a.localeCompare(b))));
}

function changePercent(baseline: number, current: number): number {
  if (baseline === 0) return current === 0 ? 0 : current > 0 ? Infinity : -Infinity;
  return ((current - baseline) / baseline) * 100;
}

function metricChange(
  endpoint: string,
  metric: BaselineMetric,
  old: EndpointRow,
  now: EndpointRow,
  tolerances: Tolerances,
): MetricChange {
  const change = changePercent(old[metric], now[metric]);
  const worse = WORSE_WHEN[metric] === 'higher' ? change : -change;
  const requests = Math.min(old.requests, now.requests);
  const needed = minimumRequests(metric);
  const insufficient = requests < needed;
  return {
    endpoint,
    metric,
    baseline: old[metric],
    current: now[metric],
    changePercent: change,
    tolerancePercent: tolerances[metric],
    regressed: !insufficient && worse > tolerances[metric],
    ...(insufficient ? { insufficientSamples: { requests, needed } } : {}),
  };
}

/**
 * Compares a run with its baseline. Runs of different suites or load shapes are not comparable:
 * a latency measured at 50 req/s says nothing about one measured at 500.
 */
export function compareWithBaseline(
  baseline: RunSummary,
  current: RunSummary,
  tolerances: Tolerances,
): BaselineComparison {
  if (baseline.suite !== current.suite) {
    return { comparable: false, reason: `the baseline is a ${baseline.suite} run and this is a ${current.suite} run` };
  }
  // One runner of a split run applied its segment's share of the load: only the same share compares.
  if ((baseline.segment ?? null) !== (current.segment ?? null)) {
    const share = (s: RunSummary) => (s.segment ? `segment ${s.segment} of a split run` : 'the whole load');
    return {
      comparable: false,
      reason: `the baseline ran ${share(baseline)} and this run ${share(current)}; compare a runner with a baseline of the same segment, or a merged run with a whole one`,
    };
  }
  const [oldShape, newShape] = [canonicalLoadShape(baseline.loadShape), canonicalLoadShape(current.loadShape)];
  if (oldShape !== newShape) {
    return {
      comparable: false,
      reason: `the load shapes differ: the baseline ran ${oldShape}, this run ${newShape}; save a baseline from a run of the same shape`,
    };
  }
  const now = new Map(current.endpoints.map((e) => [e.endpoint, e]));
  const changes: MetricChange[] = [];
  const missing: string[] = [];
  for (const old of baseline.endpoints) {
    const row = now.get(old.endpoint);
    if (!row) {
      missing.push(old.endpoint);
      continue;
    }
    for (const metric of BASELINE_METRICS) changes.push(metricChange(old.endpoint, metric, old, row, tolerances));
  }
  const known = new Set(baseline.endpoints.map((e) => e.endpoint));
  const added = current.endpoints.filter((e) => !known.has(e.endpoint)).map((e) => e.endpoint);
  return {
    comparable: true,
    changes,
    missing,
    added,
    regressed: missing.length > 0 || changes.some((c) => c.regressed),
  };
}
