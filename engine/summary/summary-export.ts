import type { SummaryData, SummaryGroup } from './summary-data.ts';

// `--summary-export`: k6's legacy summary file. Groups and checks are keyed by name, a rate's share is
// `value`, and a threshold maps to true when it was crossed (the inverse of handleSummary's `ok`).
function exportGroup(g: SummaryGroup): Record<string, unknown> {
  return {
    name: g.name,
    path: g.path,
    id: g.id,
    groups: Object.fromEntries(g.groups.map((child) => [child.name, exportGroup(child)])),
    checks: Object.fromEntries(g.checks.map((c) => [c.name, c])),
  };
}

export function summaryExport(data: SummaryData): Record<string, unknown> {
  const metrics: Record<string, Record<string, unknown>> = {};
  for (const [name, m] of Object.entries(data.metrics)) {
    const out: Record<string, unknown> =
      m.type === 'rate' ? { passes: m.values.passes, fails: m.values.fails, value: m.values.rate } : { ...m.values };
    if (m.thresholds)
      out.thresholds = Object.fromEntries(Object.entries(m.thresholds).map(([source, r]) => [source, !r.ok]));
    metrics[name] = out;
  }
  return { root_group: exportGroup(data.root_group), metrics };
}
