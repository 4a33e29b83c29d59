import type { MetricType } from './metric-type.ts';
import type { Sink } from './sink.ts';

/** The `values` object k6 reports for a metric of this type (handleSummary's data shape). */
export function summaryValues(
  type: MetricType,
  sink: Sink,
  durationSeconds: number,
  trendStats: string[],
): Record<string, number> {
  switch (type) {
    case 'counter':
      return { count: sink.sum, rate: durationSeconds > 0 ? sink.sum / durationSeconds : 0 };
    case 'gauge':
      return { value: sink.count ? sink.last : 0, min: sink.count ? sink.min : 0, max: sink.count ? sink.max : 0 };
    case 'rate':
      return {
        rate: sink.count ? sink.nonZero / sink.count : 0,
        passes: sink.nonZero,
        fails: sink.count - sink.nonZero,
      };
    case 'trend': {
      const values: Record<string, number> = {};
      for (const stat of trendStats) values[stat] = trendStat(sink, stat);
      return values;
    }
  }
}

const PERCENTILE = /^p\((\d+(?:\.\d+)?)\)$/;

/** A statistic k6 knows for trends: avg, min, max, med, count or p(N). */
export function isTrendStat(stat: string): boolean {
  return ['avg', 'min', 'max', 'med', 'count'].includes(stat) || PERCENTILE.test(stat);
}

export function trendStat(sink: Sink, stat: string): number {
  if (sink.count === 0) return 0;
  if (stat === 'avg') return sink.sum / sink.count;
  if (stat === 'min') return sink.min;
  if (stat === 'max') return sink.max;
  if (stat === 'med') return sink.percentile(50);
  if (stat === 'count') return sink.count;
  const p = PERCENTILE.exec(stat);
  if (p) return sink.percentile(Number(p[1]));
  throw new Error(`"${stat}" is not a trend statistic: use avg, min, med, max, count or p(N)`);
}
