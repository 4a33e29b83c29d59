import type { MetricType } from '../engine/metrics/metric-type.ts';
import { Sink } from '../engine/metrics/sink.ts';
import { summaryValues, trendStat } from '../engine/metrics/summary-values.ts';
import { parseThreshold, thresholdHolds } from '../engine/metrics/thresholds.ts';
import { tag, type K6Point } from './k6-json-points.ts';
import { MergeRefusal } from './merge-refusal.ts';
import { parseMetricKey } from './metric-key.ts';
import type { K6SummaryData, K6SummaryMetric } from './raw-results.ts';
import type { PointReader } from './run-metrics.ts';

// k6's summary metrics for a split run, computed again from every runner's samples (their k6 JSON
// outputs) as one k6 process would have computed them: counts and rates over all samples, trend
// percentiles from one histogram of all of them (the local engine's, within 0.1 %), never an
// average of the runners' percentiles. The runners' summaries say which metrics and submetrics the
// script kept, their types, their statistics and their thresholds; each threshold is judged again
// on the merged values.

const TYPES: readonly MetricType[] = ['counter', 'gauge', 'rate', 'trend'];

interface Merged {
  key: string;
  type: MetricType;
  contains: string;
  /** The trend statistics the runners reported (summaryTrendStats). */
  stats: string[];
  thresholds: string[];
  tags: Record<string, string>;
  sink: Sink;
}

interface MetricFamily {
  /** The metric itself, when a summary kept it. */
  whole?: Merged;
  /** Its submetrics (tag filters), each fed the samples whose tags match. */
  subs: Merged[];
  /** Every tag the submetrics filter on, read once a sample. */
  tagNames: string[];
}

export class MergedMetrics implements PointReader {
  readonly metrics: ReadonlySet<string>;
  private readonly families = new Map<string, MetricFamily>();
  private readonly merged: Merged[] = [];

  constructor(summaries: readonly K6SummaryData[]) {
    const byKey = new Map<string, Merged>();
    for (const summary of summaries) {
      for (const [key, metric] of Object.entries(summary.metrics)) {
        const seen = byKey.get(key) ?? this.declare(key, metric);
        byKey.set(key, seen);
        if (metric.type !== seen.type)
          throw new MergeRefusal(
            `the metric ${key} is a ${seen.type} in one runner's summary and a ${metric.type} in another's; merge the runners of one run`,
          );
        if (seen.type === 'trend')
          for (const stat of Object.keys(metric.values)) if (!seen.stats.includes(stat)) seen.stats.push(stat);
        for (const expression of Object.keys(metric.thresholds ?? {}))
          if (!seen.thresholds.includes(expression)) seen.thresholds.push(expression);
      }
    }
    this.metrics = new Set(this.families.keys());
  }

  private declare(key: string, metric: K6SummaryMetric): Merged {
    const type = metric.type as MetricType;
    if (!TYPES.includes(type)) throw new MergeRefusal(`the metric ${key} has the unknown type "${metric.type}"`);
    const { name, tags } = parseMetricKey(key);
    const merged: Merged = {
      key,
      type,
      contains: metric.contains,
      stats: [],
      thresholds: [],
      tags,
      sink: new Sink(type),
    };
    const family = this.families.get(name) ?? { subs: [], tagNames: [] };
    this.families.set(name, family);
    if (Object.keys(tags).length === 0) family.whole = merged;
    else {
      family.subs.push(merged);
      for (const t of Object.keys(tags)) if (!family.tagNames.includes(t)) family.tagNames.push(t);
    }
    this.merged.push(merged);
    return merged;
  }

  add(point: K6Point): void {
    const family = this.families.get(point.metric);
    if (!family) return;
    family.whole?.sink.add(point.value);
    if (family.subs.length === 0) return;
    const tags: Record<string, string | undefined> = {};
    for (const name of family.tagNames) tags[name] = tag(point, name);
    for (const sub of family.subs) {
      let matches = true;
      for (const name in sub.tags) if (tags[name] !== sub.tags[name]) matches = false;
      if (matches) sub.sink.add(point.value);
    }
  }

  /** k6's summary `metrics` of the merged run, each threshold judged on the merged values. */
  summaryMetrics(durationSeconds: number): K6SummaryData['metrics'] {
    const out: K6SummaryData['metrics'] = {};
    for (const m of this.merged) {
      const values =
        m.type === 'trend'
          ? Object.fromEntries(m.stats.map((stat) => [stat, trendStat(m.sink, stat)]))
          : summaryValues(m.type, m.sink, durationSeconds, []);
      const thresholds = Object.fromEntries(
        m.thresholds.map((expression) => [expression, { ok: this.holds(m, expression, durationSeconds) }]),
      );
      out[m.key] = {
        type: m.type,
        contains: m.contains,
        values,
        ...(m.thresholds.length ? { thresholds } : {}),
      };
    }
    return out;
  }

  private holds(m: Merged, expression: string, durationSeconds: number): boolean {
    let threshold;
    try {
      threshold = parseThreshold(expression, m.key);
    } catch (error) {
      throw new MergeRefusal((error as Error).message);
    }
    return thresholdHolds(threshold, m.type, m.sink, durationSeconds);
  }
}
