import type { MetricType, Sink } from './registry.ts';
import { summaryValues, trendStat } from './summary-values.ts';

// k6 threshold expressions: `<aggregation> <operator> <number>`, e.g. `p(95)<500`, `rate>0.9`.
const EXPRESSION = /^\s*(avg|min|max|med|count|rate|value|p\(\d+(?:\.\d+)?\))\s*(<=|>=|<|>|===|==|!=)\s*(-?\d+(?:\.\d+)?)\s*$/;

export interface ParsedThreshold {
  source: string;
  aggregation: string;
  operator: string;
  target: number;
  abortOnFail: boolean;
}

export function parseThreshold(entry: string | { threshold: string; abortOnFail?: boolean }): ParsedThreshold {
  const source = typeof entry === 'string' ? entry : entry.threshold;
  const m = EXPRESSION.exec(source);
  if (!m) throw new Error(`invalid threshold "${source}": expected <aggregation> <operator> <number>, e.g. p(95)<500`);
  return { source, aggregation: m[1], operator: m[2], target: Number(m[3]), abortOnFail: typeof entry === 'object' && !!entry.abortOnFail };
}

function aggregate(type: MetricType, sink: Sink, aggregation: string, durationSeconds: number): number {
  if (type === 'trend') return trendStat(sink, aggregation);
  const values = summaryValues(type, sink, durationSeconds, []);
  if (!(aggregation in values)) throw new Error(`the aggregation ${aggregation} does not apply to a ${type} metric`);
  return values[aggregation];
}

/** True when the threshold holds (k6 reports `ok`). */
export function thresholdHolds(t: ParsedThreshold, type: MetricType, sink: Sink, durationSeconds: number): boolean {
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
