import { latencyChartSvg } from './latency-chart.ts';
import { thresholdObservation } from './report-tests.ts';
import { realThresholds } from './real-thresholds.ts';
import type { Timeline } from './metrics-timeline.ts';
import type { LoadShape, RunSummary } from './run-summary.ts';
import { xmlEscape } from './xml-escape.ts';

// `latency.html`: one self-contained page (no script, nothing fetched) with the run's figures per
// endpoint and each endpoint's chart. Table and charts show the same requests: the measured phase
// of a load run (the whole run when it has no phases), never the local tenant's control API.

const cell = (v: string | number) => `<td>${xmlEscape(String(v))}</td>`;

/** The load shape as a small table; a flow mix (`a=0.5,b=0.5`) as one row per flow. */
function loadShapeTable(shape: LoadShape): string {
  const rows = Object.entries(shape).flatMap(([key, value]) => {
    if (key === 'mix' && typeof value === 'string' && value.includes('='))
      return value.split(',').map((part, i) => {
        const [flow, share] = part.split('=');
        return `<tr><th>${i === 0 ? 'mix' : ''}</th>${cell(flow)}${cell(`${(Number(share) * 100).toFixed(1)} %`)}</tr>`;
      });
    return [`<tr><th>${xmlEscape(key)}</th><td colspan="2">${xmlEscape(String(value))}</td></tr>`];
  });
  return `<table class="shape"><caption>load shape</caption>${rows.join('')}</table>`;
}

function thresholdList(summary: RunSummary): string {
  const rows = realThresholds(summary).map(
    (t) =>
      `<li class="${t.ok ? 'held' : 'crossed'}">${t.ok ? 'held' : '<strong>crossed</strong>'}: ${xmlEscape(thresholdObservation(t))}</li>`,
  );
  return rows.length ? `<h3>thresholds</h3><ul>${rows.join('')}</ul>` : '';
}

export function latencyPageHtml(summary: RunSummary, timeline: Timeline): string {
  const rows = summary.endpoints.map(
    (e) =>
      `<tr>${cell(e.endpoint)}${cell(e.requests)}${cell(e.p50.toFixed(2))}${cell(e.p95.toFixed(2))}${cell(e.p99.toFixed(2))}${cell(e.max.toFixed(2))}${cell(`${(e.errorRate * 100).toFixed(2)} %`)}${cell(e.rps.toFixed(1))}</tr>`,
  );
  const started = timeline.startedAt ? new Date(timeline.startedAt).toISOString() : summary.startedAt;
  const phased = timeline.phases.length > 0;
  const thresholds = realThresholds(summary);
  const charts = timeline.endpoints.map(
    (e) =>
      `<figure>${latencyChartSvg(e, { phases: timeline.phases, thresholds: thresholds.filter((t) => t.endpoint === e.endpoint) })}</figure>`,
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${xmlEscape(`${summary.suite}: latency over time`)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:16px;color:#343a40;max-width:1100px}
p,li{overflow-wrap:anywhere}
table{border-collapse:collapse;margin:8px 0 16px}
td,th{padding:3px 10px;border-bottom:1px solid #dee2e6;text-align:right}
td:first-child,th:first-child{text-align:left}
table.shape th{text-align:left;font-weight:600}table.shape td{text-align:left}
caption{text-align:left;font-weight:600;padding-bottom:4px}
li.crossed{color:#c92a2a}
figure{margin:0 0 18px}figure svg{max-width:100%;height:auto}
</style>
</head><body>
<h2>${xmlEscape(summary.suite)} on ${xmlEscape(summary.target)}: latency and rate per endpoint</h2>
<p>${xmlEscape(summary.engine)}, profile ${xmlEscape(summary.profile)}, started ${xmlEscape(started)}. ${
    phased
      ? 'Figures and charts are the measured phase; the warm-up and ramps around it are shaded on the charts and left out.'
      : 'Figures and charts cover the whole run.'
  } Percentiles per second of the requests that ended in that second. The harness's own calls to the local tenant's control API are left out.</p>
${summary.loadShape ? loadShapeTable(summary.loadShape) : ''}
<table><tr><th>endpoint</th><th>requests</th><th>p50 ms</th><th>p95 ms</th><th>p99 ms</th><th>max ms</th><th>failed</th><th>req/s</th></tr>
${rows.join('\n')}
</table>
${thresholdList(summary)}
${charts.join('\n')}
</body></html>
`;
}
