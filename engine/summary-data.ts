import type { RunState, GroupNode } from './run-state.ts';
import { parseThreshold, thresholdHolds } from './metrics/thresholds.ts';
import { summaryValues } from './metrics/summary-values.ts';

export const DEFAULT_TREND_STATS = ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)'];

function groupData(g: GroupNode): unknown {
  return {
    name: g.name,
    path: g.path,
    id: g.id,
    groups: [...g.groups.values()].map(groupData),
    checks: [...g.checks.values()].map((c) => ({ name: c.name, path: c.path, id: c.id, passes: c.passes, fails: c.fails })),
  };
}

/** The object k6 passes to handleSummary(data), and whether any threshold was crossed. */
export function summaryData(
  run: RunState,
  options: Record<string, any>,
  durationMs: number,
): { data: Record<string, unknown>; thresholdsCrossed: boolean } {
  const trendStats: string[] = options.summaryTrendStats ?? DEFAULT_TREND_STATS;
  const thresholds: Record<string, (string | { threshold: string; abortOnFail?: boolean })[]> = options.thresholds ?? {};
  const metrics: Record<string, unknown> = {};
  let crossed = false;
  for (const { name, definition, sink } of run.metrics.entries()) {
    const declared = thresholds[name];
    if (sink.count === 0 && !declared && name !== 'vus' && name !== 'vus_max') continue;
    const entry: Record<string, unknown> = {
      type: definition.type,
      contains: definition.contains,
      values: summaryValues(definition.type, sink, durationMs / 1000, trendStats),
    };
    if (declared) {
      const results: Record<string, { ok: boolean }> = {};
      for (const t of declared) {
        const parsed = parseThreshold(t);
        const ok = thresholdHolds(parsed, definition.type, sink, durationMs / 1000);
        results[parsed.source] = { ok };
        if (!ok) crossed = true;
      }
      entry.thresholds = results;
    }
    metrics[name] = entry;
  }
  return {
    data: {
      state: { isStdOutTTY: !!process.stdout.isTTY, isStdErrTTY: !!process.stderr.isTTY, testRunDurationMs: durationMs },
      metrics,
      root_group: groupData(run.rootGroup),
      options: { summaryTrendStats: trendStats, summaryTimeUnit: options.summaryTimeUnit ?? '', noColor: !!options.noColor },
    },
    thresholdsCrossed: crossed,
  };
}
