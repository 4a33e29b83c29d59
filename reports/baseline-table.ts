import {
  minimumRequests,
  PERCENTILE_METRICS,
  type BaselineComparison,
  type BaselineMetric,
  type MetricChange,
} from './baseline-compare.ts';
import { plainTable, renderTable } from './plain-table.ts';
import type { RunSummary } from './run-summary.ts';

const UNIT: Record<BaselineMetric, { label: string; show: (v: number) => string }> = {
  p50: { label: 'p50 ms', show: (v) => v.toFixed(2) },
  p95: { label: 'p95 ms', show: (v) => v.toFixed(2) },
  p99: { label: 'p99 ms', show: (v) => v.toFixed(2) },
  errorRate: { label: 'errors %', show: (v) => (v * 100).toFixed(2) },
  rps: { label: 'req/s', show: (v) => v.toFixed(1) },
};

function showChange(percent: number): string {
  if (!Number.isFinite(percent)) return percent > 0 ? 'new' : 'gone';
  return `${percent >= 0 ? '+' : ''}${percent.toFixed(1)} %`;
}

function verdictOf(c: MetricChange): string {
  if (c.regressed) return '✗ regressed';
  const short = c.insufficientSamples;
  return short ? `· insufficient samples: ${short.requests} requests, ${c.metric} needs ${short.needed}` : '';
}

/** The comparison as a terminal table: per endpoint and metric, baseline, now, change, verdict. */
export function baselineTable(baseline: RunSummary, current: RunSummary, comparison: BaselineComparison): string {
  const lines = [
    `baseline: ${baseline.suite} of ${baseline.startedAt} (${baseline.engine}, ${baseline.target}) -> this run of ${current.startedAt} (${current.engine}, ${current.target})`,
  ];
  if (!comparison.comparable) return `${lines[0]}\n  not compared: ${comparison.reason}.\n`;
  if (current.incomplete) lines.push(`  note: this run is incomplete (${current.incomplete})`);
  const table = plainTable(
    ['endpoint', 'metric', 'baseline', 'now', 'change', 'tolerance', ''],
    ['left', 'left', 'right', 'right', 'right', 'right', 'left'],
  );
  let previous = '';
  for (const c of comparison.changes) {
    const name = c.endpoint === previous ? '' : c.endpoint;
    previous = c.endpoint;
    table.push([
      name,
      UNIT[c.metric].label,
      UNIT[c.metric].show(c.baseline),
      UNIT[c.metric].show(c.current),
      showChange(c.changePercent),
      `${c.tolerancePercent} %`,
      verdictOf(c),
    ]);
  }
  lines.push(renderTable(table));
  for (const e of comparison.missing) lines.push(`  ✗ ${e}: measured in the baseline, not in this run`);
  for (const e of comparison.added) lines.push(`  + ${e}: new in this run, no baseline to compare with`);
  const regressions = comparison.changes.filter((c) => c.regressed).length;
  const notCompared = comparison.changes.filter((c) => c.insufficientSamples);
  const percentiles = comparison.changes.filter((c) => PERCENTILE_METRICS.includes(c.metric));
  lines.push(
    (comparison.regressed
      ? `  REGRESSED: ${regressions} metric(s) past tolerance${comparison.missing.length ? `, ${comparison.missing.length} endpoint(s) not measured` : ''}`
      : '  within tolerance') +
      (notCompared.length ? `; ${notCompared.length} metric(s) not compared: insufficient samples` : ''),
  );
  if (percentiles.length > 0 && percentiles.every((c) => c.insufficientSamples))
    lines.push(
      `  note: no latency percentile had enough samples to be compared (measured requests per endpoint, in both runs: ${PERCENTILE_METRICS.map((m) => `${m} needs ${minimumRequests(m)}`).join(', ')}); run longer or at a higher rate for a latency gate`,
    );
  return `${lines.join('\n')}\n`;
}
