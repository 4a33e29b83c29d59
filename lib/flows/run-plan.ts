import type { FlowId, PlannedFlow } from '../conformance-plan.ts';
import type { ConformanceContext, Flow } from './flow-context.ts';
import { guarded } from './flow-guard.ts';

/** Runs each planned flow in its own guard, in order: no failure or exception of one stops the next. */
export async function runPlan(
  plan: readonly PlannedFlow[],
  flows: Record<FlowId, Flow>,
  ctx: ConformanceContext,
): Promise<void> {
  for (const planned of plan) await guarded(planned.name, planned.cells, () => flows[planned.id](ctx, planned.method));
}
