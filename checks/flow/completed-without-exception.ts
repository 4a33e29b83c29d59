import { defineCheck, pass } from '../check.ts';
import { K6 } from '../references.ts';

// In k6 an exception ends the iteration (VU code stage of the test lifecycle), and every check the
// code after it would have made is simply never counted. The harness runs each flow in its own guard
// and records the exception as this failure on the flow's cells, so that nothing it stopped reads as
// passed or as "not configured".

/** How a flow ended: `error`, present only when it threw, is what it threw (possibly `undefined`). */
export interface FlowEnd {
  /** The flow's name, e.g. `token endpoint: grants and refusals (private_key_jwt)`. */
  flow: string;
  error?: unknown;
}

/** `DataError: Invalid keyData`: the name and message of what a flow threw, whatever the runtime made it. */
export function describeException(error: unknown): string {
  if (error && typeof error === 'object' && 'message' in error) {
    const { name, message } = error as { name?: unknown; message?: unknown };
    return `${typeof name === 'string' && name ? name : 'Error'}: ${String(message)}`;
  }
  return `a thrown ${typeof error}: ${String(error)}`;
}

export const flowCompletedWithoutException = defineCheck<FlowEnd>({
  id: 'flow.completed_without_exception',
  ref: K6.testLifecycle,
  severity: 'failure',
  title: 'The flow ran to its end: no exception stopped it before its checks were made.',
  run: (end) =>
    'error' in end
      ? { ok: false, cause: 'exception', message: `the ${end.flow} flow stopped with ${describeException(end.error)}` }
      : pass(),
});
