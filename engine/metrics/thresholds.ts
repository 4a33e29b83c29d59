// k6 thresholds: `<aggregation> <operator> <number>` per metric (`p(95)<500`, `rate>0.9`), written
// as a string or as { threshold, abortOnFail, delayAbortEval }.
import { parseDuration } from '../duration.ts';
import type { MetricType } from './metric-type.ts';
import type { Sink } from './sink.ts';
import { summaryValues, trendStat } from './summary-values.ts';

const EXPRESSION =
  /^\s*(avg|min|max|med|count|rate|value|p\(\d+(?:\.\d+)?\))\s*(<=|>=|<|>|===|==|!=)\s*(-?\d+(?:\.\d+)?(?:e-?\d+)?)\s*$/;

// Which aggregations k6 accepts on which metric type.
const AGGREGATIONS: Record<MetricType, RegExp> = {
  counter: /^(count|rate)$/,
  gauge: /^value$/,
  rate: /^rate$/,
  trend: /^(avg|min|max|med|p\(\d+(?:\.\d+)?\))$/,
};

export type ThresholdEntry = string | { threshold: string; abortOnFail?: boolean; delayAbortEval?: string };

export interface Threshold {
  source: string;
  aggregation: string;
  operator: string;
  target: number;
  abortOnFail: boolean;
  delayAbortEvalMs: number;
}

export function parseThreshold(entry: ThresholdEntry, metricKey: string): Threshold {
  const source = typeof entry === 'string' ? entry : entry?.threshold;
  if (typeof source !== 'string') {
    throw new Error(
      `thresholds["${metricKey}"]: each entry must be a string like "p(95)<500" or { threshold: "p(95)<500", abortOnFail: true }`,
    );
  }
  const m = EXPRESSION.exec(source);
  if (!m)
    throw new Error(
      `thresholds["${metricKey}"]: "${source}" is not a threshold; write <aggregation> <operator> <number>, e.g. p(95)<500`,
    );
  const options: { abortOnFail?: boolean; delayAbortEval?: string } = typeof entry === 'object' ? entry : {};
  return {
    source,
    aggregation: m[1],
    operator: m[2],
    target: Number(m[3]),
    abortOnFail: !!options.abortOnFail,
    delayAbortEvalMs: options.delayAbortEval
      ? parseDuration(options.delayAbortEval, `thresholds["${metricKey}"].delayAbortEval`)
      : 0,
  };
}

/** Refuses an aggregation that does not exist for the metric's type, as k6 does at start-up. */
export function checkAggregation(t: Threshold, type: MetricType, metricKey: string): void {
  if (!AGGREGATIONS[type].test(t.aggregation)) {
    throw new Error(
      `thresholds["${metricKey}"]: "${t.aggregation}" does not apply to a ${type} metric (use ${AGGREGATIONS[type].source.replace(/[\^$()\\]/g, '').replace(/\|/g, ', ')})`,
    );
  }
}

function aggregate(type: MetricType, sink: Sink, aggregation: string, durationSeconds: number): number {
  if (type === 'trend') return trendStat(sink, aggregation);
  return summaryValues(type, sink, durationSeconds, [])[aggregation] ?? 0;
}

/** True when the threshold holds (k6 reports `ok`). */
export function thresholdHolds(t: Threshold, type: MetricType, sink: Sink, durationSeconds: number): boolean {
  const v = aggregate(type, sink, t.aggregation, durationSeconds);
  switch (t.operator) {
    case '<':
      return v < t.target;
    case '<=':
      return v <= t.target;
    case '>':
      return v > t.target;
    case '>=':
      return v >= t.target;
    case '!=':
      return v !== t.target;
    default:
      return v === t.target;
  }
}
