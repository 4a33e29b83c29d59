import { latencyChartSvg } from './latency-chart.ts';
import type { Timeline } from './metrics-timeline.ts';
import type { RunSummary } from './run-summary.ts';
import { xmlEscape } from './xml-escape.ts';

/** `latency.html`: every endpoint's chart with its whole-run figures, one self-contained page. */
export function latencyPageHtml(summary: RunSummary, timeline: Timeline): string {
  const rows = summary.endpoints.map(
    (e) =>
      `<tr><td>${xmlEscape(e.endpoint)}</td><td>${e.requests}</td><td>${e.p50.toFixed(2)}</td><td>${e.p95.toFixed(2)}</td><td>${e.p99.toFixed(2)}</td><td>${e.max.toFixed(2)}</td><td>${(e.errorRate * 100).toFixed(2)} %</td><td>${e.rps.toFixed(1)}</td></tr>`,
  );
  const started = timeline.startedAt ? new Date(timeline.startedAt).toISOString() : summary.startedAt;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${xmlEscape(`${summary.suite}: latency over time`)}</title>
<style>body{font-family:system-ui,sans-serif;margin:16px;color:#343a40}table{border-collapse:collapse;margin:8px 0 16px}td,th{padding:3px 10px;border-bottom:1px solid #dee2e6;text-align:right}td:first-child,th:first-child{text-align:left}figure{margin:0 0 18px}</style>
</head><body>
<h2>${xmlEscape(summary.suite)} on ${xmlEscape(summary.target)}: latency and rate per endpoint</h2>
<p>${xmlEscape(summary.engine)}, profile ${xmlEscape(summary.profile)}, started ${xmlEscape(started)}${summary.loadShape ? `, load shape ${xmlEscape(JSON.stringify(summary.loadShape))}` : ''}. Percentiles per second of the requests that ended in that second.</p>
<table><tr><th>endpoint</th><th>requests</th><th>p50 ms</th><th>p95 ms</th><th>p99 ms</th><th>max ms</th><th>errors</th><th>req/s</th></tr>
${rows.join('\n')}
</table>
${timeline.endpoints.map((e) => `<figure>${latencyChartSvg(e)}</figure>`).join('\n')}
</body></html>
`;
}
