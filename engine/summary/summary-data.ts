import type { ThresholdResults } from '../metrics/threshold-set.ts';
import { summaryValues } from '../metrics/summary-values.ts';
import type { GroupNode, RunState } from '../run-state.ts';

const DEFAULT_TREND_STATS = ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)'];

export interface SummaryGroup {
  name: string;
  path: string;
  id: string;
  groups: SummaryGroup[];
  checks: { name: string; path: string; id: string; passes: number; fails: number }[];
}

export interface SummaryMetric {
  type: string;
  contains: string;
  values: Record<string, number>;
  thresholds?: Record<string, { ok: boolean }>;
}

export interface SummaryData {
  state: { isStdOutTTY: boolean; isStdErrTTY: boolean; testRunDurationMs: number };
  metrics: Record<string, SummaryMetric>;
  root_group: SummaryGroup;
  options: { summaryTrendStats: string[]; summaryTimeUnit: string; noColor: boolean };
}

function groupData(g: GroupNode): SummaryGroup {
  return {
    name: g.name,
    path: g.path,
    id: g.id,
    groups: [...g.groups.values()].map(groupData),
    checks: [...g.checks.values()].map((c) => ({
      name: c.name,
      path: c.path,
      id: c.id,
      passes: c.passes,
      fails: c.fails,
    })),
  };
}

/** The object k6 passes to handleSummary(data): every metric that saw samples or has thresholds. */
export function summaryData(
  run: RunState,
  options: Record<string, any>,
  durationMs: number,
  thresholds: ThresholdResults | undefined,
): SummaryData {
  const trendStats: string[] = options.summaryTrendStats ?? DEFAULT_TREND_STATS;
  const metrics: Record<string, SummaryMetric> = {};
  for (const { name, definition, sink } of run.metrics.entries()) {
    const results = thresholds?.byMetric.get(name);
    const parentSeen = (run.metrics.sink(definition.name)?.count ?? 0) > 0;
    if (sink.count === 0 && !results && !(name !== definition.name && parentSeen)) continue;
    const entry: SummaryMetric = {
      type: definition.type,
      contains: definition.contains,
      values: summaryValues(definition.type, sink, durationMs / 1000, trendStats),
    };
    if (results) entry.thresholds = Object.fromEntries([...results].map(([source, ok]) => [source, { ok }]));
    metrics[name] = entry;
  }
  return {
    state: { isStdOutTTY: !!process.stdout.isTTY, isStdErrTTY: !!process.stderr.isTTY, testRunDurationMs: durationMs },
    metrics,
    root_group: groupData(run.rootGroup),
    options: {
      summaryTrendStats: trendStats,
      summaryTimeUnit: options.summaryTimeUnit ?? '',
      noColor: !!options.noColor,
    },
  };
}
