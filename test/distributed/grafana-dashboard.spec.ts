import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { PROMETHEUS_TREND_STATS } from '../../cli/k6-operator/testrun-manifest.ts';
import { remoteWriteNames } from '../../engine/output/prometheus-remote-write-series.ts';
import { RunState } from '../../engine/run-state.ts';
import { CONFORMANCE_ERRORS_METRIC } from '../../lib/load/measured-thresholds.ts';
import { repoRoot } from '../support/repo-root.ts';

const dashboard = JSON.parse(readFileSync(path.join(repoRoot, 'dashboards', 'auth0-harness.json'), 'utf8'));

/** Every PromQL expression of the dashboard: its panels' queries and its variables'. */
function expressions(): string[] {
  const panels = dashboard.panels.flatMap((p: any) => (p.targets ?? []).map((t: any) => t.expr as string));
  const variables = dashboard.templating.list.filter((v: any) => v.type === 'query').map((v: any) => v.query.query);
  return [...panels, ...variables];
}

/** The names the output writes for the engine's metrics and the load suite's, with either trend mapping. */
function writtenNames(): Set<string> {
  const run = new RunState(() => {}, {});
  run.metrics.define(CONFORMANCE_ERRORS_METRIC, 'rate');
  const names = new Set<string>();
  for (const definition of run.metrics.definitions.values())
    for (const trendAsNativeHistogram of [false, true])
      for (const name of remoteWriteNames(definition, {
        trendStats: PROMETHEUS_TREND_STATS.split(','),
        trendAsNativeHistogram,
      }))
        names.add(name);
  return names;
}

describe('the Grafana dashboard', () => {
  it('queries only series the remote-write output writes', () => {
    const written = writtenNames();
    const used = new Set(expressions().flatMap((expr) => expr.match(/\bk6_[A-Za-z0-9_]+/g) ?? []));
    assert.ok(used.size > 0);
    for (const name of used) assert.ok(written.has(name), `${name} is not a series the output writes`);
  });

  it('shows latency p95 and p99, request rate, 429s, check failures and VUs', () => {
    const all = expressions().join('\n');
    for (const wanted of [
      /k6_http_req_duration_p95/,
      /k6_http_req_duration_p99/,
      /histogram_quantile\(0\.95, .*k6_http_req_duration_seconds/,
      /histogram_quantile\(0\.99, .*k6_http_req_duration_seconds/,
      /rate\(k6_http_reqs_total\{[^}]*\}\[\$__rate_interval\]\)/,
      /k6_http_reqs_total\{[^}]*status="429"/,
      /1 - k6_checks_rate/,
      /k6_vus\{/,
    ])
      assert.match(all, wanted);
  });

  it('takes its Prometheus data source from a template variable', () => {
    const variable = dashboard.templating.list.find((v: any) => v.type === 'datasource');
    assert.equal(variable.query, 'prometheus');
    const sources = dashboard.panels
      .filter((p: any) => p.type !== 'row')
      .flatMap((p: any) => [p.datasource, ...p.targets.map((t: any) => t.datasource)]);
    for (const source of sources) assert.deepEqual(source, { type: 'prometheus', uid: `\${${variable.name}}` });
  });
});
