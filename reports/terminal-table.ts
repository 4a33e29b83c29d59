import { binSeconds } from './latency-chart.ts';
import type { Timeline, TimelineSecond } from './metrics-timeline.ts';
import type { RunSummary } from './run-summary.ts';

const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const lpad = (s: string, n: number) => (s.length >= n ? s : ' '.repeat(n - s.length) + s);

const BLOCKS = '▁▂▃▄▅▆▇█';
const SPARK_WIDTH = 24;

/** A one-line picture of a series, scaled to its own maximum. */
export function sparkline(values: number[]): string {
  const max = Math.max(...values);
  if (!(max > 0)) return BLOCKS[0].repeat(values.length);
  return values
    .map((v) => BLOCKS[Math.min(BLOCKS.length - 1, Math.floor((v / max) * (BLOCKS.length - 1) + 0.5))])
    .join('');
}

/** Per endpoint, p95 and the rate over the run as sparklines, with their ranges. */
function timelineLines(timeline: Timeline, w: number): string[] {
  const rows = timeline.endpoints.filter((e) => e.seconds.length > 1);
  if (!rows.length) return [];
  const range = (xs: number[], digits: number) =>
    `${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)}`;
  const lines = [`  ${pad('over time', w)}  ${pad('p95 ms', SPARK_WIDTH + 14)}  req/s`];
  for (const e of rows) {
    const bins: TimelineSecond[] = binSeconds(e.seconds, SPARK_WIDTH);
    const p95 = bins.map((b) => b.p95);
    const rps = bins.map((b) => b.requests);
    lines.push(
      `  ${pad(e.endpoint, w)}  ${sparkline(p95)} ${pad(range(p95, 1), 13)}  ${sparkline(rps)} ${range(rps, 0)}`,
    );
  }
  return lines;
}

/** The compact end-of-run table: verdict, failed checks, per-endpoint latency and its course. */
export function terminalReport(summary: RunSummary, timeline?: Timeline): string {
  const lines: string[] = [];
  const failedChecks = summary.checks.filter((c) => c.fails > 0);
  const passed = summary.checks.filter((c) => c.fails === 0).length;
  lines.push(
    `${summary.ok ? 'PASS' : 'FAIL'}  ${summary.suite} on ${summary.target} (${summary.engine}, profile ${summary.profile})`,
  );
  lines.push(
    `      ${passed} checks passed, ${failedChecks.length} failed, ${(summary.durationMs / 1000).toFixed(1)} s`,
  );
  if (summary.incomplete) lines.push(`      incomplete: ${summary.incomplete}`);
  for (const c of failedChecks) {
    lines.push(
      `  ${c.severity === 'failure' ? '✗' : '!'} ${c.id}  ${c.endpoint} [${c.credential ?? 'none'}]: ${c.message ?? `${c.fails} failed`}`,
    );
  }
  if (summary.matrix.length) {
    const count = (s: string) => summary.matrix.filter((m) => m.status === s).length;
    lines.push(
      `  matrix: ${count('passed')} passed, ${count('failed')} failed, ${count('skipped')} skipped, ${count('not_applicable')} n/a`,
    );
  }
  if (summary.endpoints.length) {
    const w = Math.max(8, ...summary.endpoints.map((e) => e.endpoint.length));
    lines.push(
      `  ${pad('endpoint', w)}  ${lpad('reqs', 7)} ${lpad('p50 ms', 8)} ${lpad('p95 ms', 8)} ${lpad('p99 ms', 8)} ${lpad('max ms', 8)} ${lpad('err %', 6)} ${lpad('rps', 8)}`,
    );
    for (const e of summary.endpoints) {
      lines.push(
        `  ${pad(e.endpoint, w)}  ${lpad(String(e.requests), 7)} ${lpad(e.p50.toFixed(2), 8)} ${lpad(e.p95.toFixed(2), 8)} ${lpad(e.p99.toFixed(2), 8)} ${lpad(e.max.toFixed(2), 8)} ${lpad((e.errorRate * 100).toFixed(1), 6)} ${lpad(e.rps.toFixed(1), 8)}`,
      );
    }
    if (timeline) lines.push(...timelineLines(timeline, w));
  }
  for (const t of (summary.thresholds ?? []).filter((t) => !t.ok))
    lines.push(`  ✗ threshold ${t.metric} ${t.expression} crossed`);
  return `${lines.join('\n')}\n`;
}
