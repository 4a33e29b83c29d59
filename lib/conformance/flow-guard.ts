import { describeException } from '../../checks/flow/completed-without-exception.ts';
import { AssertionAlgorithmUnavailable } from '../k6-and-node/client-assertion.ts';
import { hasResult, recordException, recordSkip } from '../record-checks.ts';
import { redactText } from '../k6-and-node/redact.ts';
import type { CheckCell } from '../k6-and-node/result-protocol.ts';

/**
 * Runs one flow in its own guard. An exception (a key that will not import, a harness bug) fails the
 * cells the flow covers with flow.completed_without_exception, naming the flow and the exception, and
 * the run goes on with the next flow: in k6 it would end the whole iteration and leave every later
 * cell without a result. A client assertion this runtime cannot sign (k6 has no Ed25519) never
 * reached the provider: the flow's cells that have no result yet are skipped with why instead.
 * Returns what the flow returned, or undefined when it threw.
 */
export async function guarded<T>(
  flow: string,
  cells: readonly CheckCell[],
  run: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AssertionAlgorithmUnavailable) {
      console.warn(`the ${flow} flow stopped: ${error.message}`);
      for (const cell of cells) if (!hasResult(cell)) recordSkip(cell, error.message);
      return undefined;
    }
    console.warn(
      redactText(`the ${flow} flow stopped with ${describeException(error)}; its cells are failed and the run goes on`),
    );
    await recordException(cells, flow, error);
    return undefined;
  }
}
