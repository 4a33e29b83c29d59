import type { SummaryData, SummaryGroup, SummaryMetric } from './summary-data.ts';

// k6's end-of-test text summary (the layout k6 printed before 1.0, which shows every metric):
// checks by group, then one line per metric, ✓/✗ marking metrics with thresholds.

/** Go's time.Duration rounding as k6 prints trend values: µs, ms, s, with two decimals. */
function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  const abs = Math.abs(ms);
  const trim = (n: number) => String(Number(n.toFixed(2)));
  if (abs < 0.001) return `${trim(ms * 1e6)}ns`;
  if (abs < 1) return `${trim(ms * 1000)}µs`;
  if (abs < 1000) return `${trim(ms)}ms`;
  if (abs < 60_000) return `${trim(ms / 1000)}s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = (ms - minutes * 60_000) / 1000;
  if (minutes < 60) return `${minutes}m${trim(seconds)}s`;
  return `${Math.floor(minutes / 60)}h${minutes % 60}m${trim(seconds)}s`;
}

/** Bytes as k6 prints data: SI units, one decimal. */
function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${Math.round(value)} B` : `${Number(value.toFixed(1))} ${units[unit]}`;
}

const trimNumber = (n: number) => String(Number(n.toFixed(6)));

function formatValues(m: SummaryMetric, trendStats: string[]): string {
  const v = m.values;
  switch (m.type) {
    case 'counter':
      return m.contains === 'data'
        ? `${formatBytes(v.count).padEnd(7)} ${formatBytes(v.rate)}/s`
        : `${trimNumber(v.count).padEnd(7)} ${trimNumber(v.rate)}/s`;
    case 'gauge':
      return `${trimNumber(v.value).padEnd(7)} min=${trimNumber(v.min).padEnd(6)} max=${trimNumber(v.max)}`;
    case 'rate':
      return `${(v.rate * 100).toFixed(2)}%`.padEnd(7) + ` ✓ ${String(v.passes).padEnd(8)} ✗ ${v.fails}`;
    default:
      return trendStats
        .map((stat) => {
          const value = v[stat] ?? 0;
          return `${stat}=${m.contains === 'time' ? formatDuration(value) : trimNumber(value)}`.padEnd(
            stat.length + 10,
          );
        })
        .join(' ')
        .trimEnd();
  }
}

function checkLines(g: SummaryGroup, indent: string, out: string[]): void {
  for (const c of g.checks) {
    const total = c.passes + c.fails;
    if (c.fails === 0) out.push(`${indent}✓ ${c.name}`);
    else {
      out.push(`${indent}✗ ${c.name}`);
      out.push(`${indent} ↳  ${Math.round((c.passes / total) * 100)}% — ✓ ${c.passes} / ✗ ${c.fails}`);
    }
  }
  for (const child of g.groups) {
    out.push('', `${indent}█ ${child.name}`, '');
    checkLines(child, `${indent}  `, out);
  }
}

/** k6's end-of-test summary as text: the checks by group, then every metric (the progress display follows it). */
export function textSummary(data: SummaryData): string {
  const lines: string[] = [];
  checkLines(data.root_group, '     ', lines);
  if (lines.length) lines.push('');
  const names = Object.keys(data.metrics).sort((a, b) => {
    const [pa, pb] = [a.split('{')[0], b.split('{')[0]];
    return pa === pb
      ? (a.includes('{') ? 1 : 0) - (b.includes('{') ? 1 : 0) || a.localeCompare(b)
      : pa.localeCompare(pb);
  });
  // A submetric sits under its metric, indented, its threshold mark moving with it.
  const isSub = (name: string) => name.includes('{');
  const label = (name: string) => (isSub(name) ? `{ ${name.slice(name.indexOf('{') + 1, -1)} }` : name);
  const width = Math.max(...names.map((n) => label(n).length + (isSub(n) ? 2 : 0))) + 3;
  for (const name of names) {
    const m = data.metrics[name];
    const mark = m.thresholds ? (Object.values(m.thresholds).every((t) => t.ok) ? '✓ ' : '✗ ') : '  ';
    const indent = isSub(name) ? '     ' : '   ';
    lines.push(
      `${indent}${mark}${label(name).padEnd(width - (isSub(name) ? 2 : 0), '.')}: ${formatValues(m, data.options.summaryTrendStats)}`,
    );
  }
  return `${lines.join('\n')}\n\n`;
}
