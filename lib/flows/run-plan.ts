import type { FlowId, PlannedFlow } from '../conformance-plan.ts';
import { hasResult, recordSkip } from '../record-checks.ts';
import type { CheckCell } from '../result-protocol.ts';
import type { ConformanceContext, Flow } from './flow-context.ts';
import { guarded } from './flow-guard.ts';

/**
 * Runs each planned flow in its own guard, in order: no failure or exception of one stops the next.
 * A cell whose flows all ended before reaching it (a step before it failed) is then reported as
 * skipped, naming them, so that no cell is left without a result.
 */
export async function runPlan(
  plan: readonly PlannedFlow[],
  flows: Record<FlowId, Flow>,
  ctx: ConformanceContext,
): Promise<void> {
  for (const planned of plan) await guarded(planned.name, planned.cells, () => flows[planned.id](ctx, planned.method));
  const coveredBy = new Map<string, { cell: CheckCell; names: string[] }>();
  for (const { cells, name } of plan)
    for (const cell of cells) {
      const key = `${cell.endpoint} [${cell.credential}]`;
      const entry = coveredBy.get(key) ?? { cell, names: [] };
      entry.names.push(name);
      coveredBy.set(key, entry);
    }
  for (const { cell, names } of coveredBy.values()) {
    if (hasResult(cell)) continue;
    const flows = names.length === 1 ? `the ${names[0]} flow` : `the flows ${names.join(', ')}`;
    recordSkip(cell, `${flows} ended before reaching this endpoint (a step before it failed; see their findings)`);
  }
}
