import type { BaselineComparison, BaselineMetric } from './baseline-compare.ts';
import type { RunSummary } from './run-summary.ts';

const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const lpad = (s: string, n: number) => (s.length >= n ? s : ' '.repeat(n - s.length) + s);

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

/** The comparison as a terminal table: per endpoint and metric, baseline, now, change, verdict. */
export function baselineTable(baseline: RunSummary, current: RunSummary, comparison: BaselineComparison): string {
  const lines = [
    `baseline: ${baseline.suite} of ${baseline.startedAt} (${baseline.engine}, ${baseline.target}) -> this run of ${current.startedAt} (${current.engine}, ${current.target})`,
  ];
  if (!comparison.comparable) return `${lines[0]}\n  not compared: ${comparison.reason}.\n`;
  if (current.incomplete) lines.push(`  note: this run is incomplete (${current.incomplete})`);
  const w = Math.max(8, ...comparison.changes.map((c) => c.endpoint.length));
  lines.push(
    `  ${pad('endpoint', w)}  ${pad('metric', 9)} ${lpad('baseline', 10)} ${lpad('now', 10)} ${lpad('change', 9)} ${lpad('tolerance', 9)}`,
  );
  let previous = '';
  for (const c of comparison.changes) {
    const verdict = c.regressed ? '  ✗ regressed' : '';
    const name = c.endpoint === previous ? '' : c.endpoint;
    previous = c.endpoint;
    lines.push(
      `  ${pad(name, w)}  ${pad(UNIT[c.metric].label, 9)} ${lpad(UNIT[c.metric].show(c.baseline), 10)} ${lpad(UNIT[c.metric].show(c.current), 10)} ${lpad(showChange(c.changePercent), 9)} ${lpad(`${c.tolerancePercent} %`, 9)}${verdict}`,
    );
  }
  for (const e of comparison.missing) lines.push(`  ✗ ${e}: measured in the baseline, not in this run`);
  for (const e of comparison.added) lines.push(`  + ${e}: new in this run, no baseline to compare with`);
  const regressions = comparison.changes.filter((c) => c.regressed).length;
  lines.push(
    comparison.regressed
      ? `  REGRESSED: ${regressions} metric(s) past tolerance${comparison.missing.length ? `, ${comparison.missing.length} endpoint(s) not measured` : ''}`
      : '  within tolerance',
  );
  return `${lines.join('\n')}\n`;
}
