import type { RunSummary } from './run-summary.ts';

const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const lpad = (s: string, n: number) => (s.length >= n ? s : ' '.repeat(n - s.length) + s);

/** The compact end-of-run table: verdict, failed checks, per-endpoint latency. */
export function terminalReport(summary: RunSummary): string {
  const lines: string[] = [];
  const failedChecks = summary.checks.filter((c) => c.fails > 0);
  const passed = summary.checks.filter((c) => c.fails === 0).length;
  lines.push(`${summary.ok ? 'PASS' : 'FAIL'}  ${summary.suite} on ${summary.target} (${summary.engine}, profile ${summary.profile})`);
  lines.push(`      ${passed} checks passed, ${failedChecks.length} failed, ${(summary.durationMs / 1000).toFixed(1)} s`);
  if (summary.incomplete) lines.push(`      incomplete: ${summary.incomplete}`);
  for (const c of failedChecks) {
    lines.push(`  ${c.severity === 'failure' ? '✗' : '!'} ${c.id}  ${c.endpoint} [${c.credential ?? 'none'}]: ${c.message ?? `${c.fails} failed`}`);
  }
  if (summary.matrix.length) {
    const count = (s: string) => summary.matrix.filter((m) => m.status === s).length;
    lines.push(`  matrix: ${count('passed')} passed, ${count('failed')} failed, ${count('skipped')} skipped, ${count('not_applicable')} n/a`);
  }
  if (summary.endpoints.length) {
    const w = Math.max(8, ...summary.endpoints.map((e) => e.endpoint.length));
    lines.push(`  ${pad('endpoint', w)}  ${lpad('reqs', 7)} ${lpad('p50 ms', 8)} ${lpad('p95 ms', 8)} ${lpad('p99 ms', 8)} ${lpad('max ms', 8)} ${lpad('err %', 6)} ${lpad('rps', 8)}`);
    for (const e of summary.endpoints) {
      lines.push(
        `  ${pad(e.endpoint, w)}  ${lpad(String(e.requests), 7)} ${lpad(e.p50.toFixed(2), 8)} ${lpad(e.p95.toFixed(2), 8)} ${lpad(e.p99.toFixed(2), 8)} ${lpad(e.max.toFixed(2), 8)} ${lpad((e.errorRate * 100).toFixed(1), 6)} ${lpad(e.rps.toFixed(1), 8)}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
