import { cellsNothingJudged, type FlowId, type PlannedFlow } from './conformance-plan.ts';
import { hasResult, notRunReason, recordSkip } from '../record-checks.ts';
import type { ConformanceContext, Flow } from './flow-context.ts';
import { guarded } from './flow-guard.ts';

/**
 * Runs each planned flow in its own guard, in order: no failure or exception of one stops the next.
 * Then each cell where nothing was judged is reported as skipped, with why.
 */
export async function runPlan(
  plan: readonly PlannedFlow[],
  flows: Record<FlowId, Flow>,
  ctx: ConformanceContext,
): Promise<void> {
  for (const planned of plan) await guarded(planned.name, planned.cells, () => flows[planned.id](ctx, planned.method));
  for (const { cell, reason } of cellsNothingJudged(plan, { hasResult, notRunReason })) recordSkip(cell, reason);
}
