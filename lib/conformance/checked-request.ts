import type { Check } from '../../checks/check.ts';
import type { Exchange, ExchangeExpectations } from '../../checks/exchange.ts';
import { notOffered, recordChecks } from '../record-checks.ts';
import type { CheckCell } from '../k6-and-node/result-protocol.ts';
import { sendRequest, type OutgoingRequest } from '../send-request.ts';

/**
 * One request of a flow and the checks its answer must pass. A 404 to it means the target does not
 * offer the endpoint: the cell is recorded as skipped, saying so, and undefined comes back. Otherwise
 * the exchange comes back, with whether every failure-severity check passed.
 */
export async function checkedRequest(
  cell: CheckCell,
  request: Omit<OutgoingRequest, keyof CheckCell>,
  checks: readonly Check<Exchange>[],
  flow: string,
  expect?: ExchangeExpectations,
): Promise<{ exchange: Exchange; passed: boolean } | undefined> {
  const exchange = await sendRequest({ ...cell, ...request });
  if (notOffered(cell, exchange)) return undefined;
  if (expect) exchange.expect = expect;
  return { exchange, passed: await recordChecks(cell, checks, exchange, exchange, flow) };
}
