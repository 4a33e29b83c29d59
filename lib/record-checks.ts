import { check } from 'k6';
import { notRun, type Check, type CheckOutcome, type Severity } from '../checks/check.ts';
import { noResponse, type Exchange } from '../checks/exchange.ts';
import { flowCompletedWithoutException } from '../checks/flow/completed-without-exception.ts';
import { responseReceived } from '../checks/http/response-received.ts';
import { redactBody, redactHeaders, redactText, redactUrl } from './k6-and-node/redact.ts';
import { checkResultName, FINDING_PREFIX, type CheckCell, type Finding } from './k6-and-node/result-protocol.ts';

// Findings already logged by this VU: the first failure (and the first "not run") of each check per
// cell is enough to explain it, and a load run must not flood the log.
const logged = new Set<string>();
// Per cell, what this VU recorded: a judged check or a skip, else why its checks were not run.
const judgedCells = new Set<string>();
const notRunReasons = new Map<string, string>();
const cellKey = (cell: CheckCell): string => `${cell.endpoint}\u0000${cell.credential}`;

/** Checks that hold for every response of a cell whatever the flow asked (a limited endpoint's headers). */
export type ResponseRules = (
  cell: CheckCell,
  exchange: Exchange,
) => { checks: Check<never>[]; input: unknown } | undefined;
let everyResponse: ResponseRules | undefined;
// Each response is judged by them once, however many check lists a flow records on it.
const responsesJudged = new WeakSet<Exchange>();

/** From now on, every response a flow records is also held to these rules (the conformance suite sets them). */
export function judgeEveryResponse(rules: ResponseRules): void {
  everyResponse = rules;
}

/** Whether a check was judged (passed or failed) or a skip recorded on the cell so far. */
export const hasResult = (cell: CheckCell): boolean => judgedCells.has(cellKey(cell));

/** Why the first check recorded as not run on the cell was not run, if one was. */
export const notRunReason = (cell: CheckCell): string | undefined => notRunReasons.get(cellKey(cell));

function redactedExchange(exchange: Exchange): Pick<Finding, 'request' | 'response'> {
  const { request, response } = exchange;
  return {
    request: {
      method: request.method,
      url: redactUrl(request.url),
      headers: redactHeaders(request.headers),
      body: request.body === undefined ? undefined : redactBody(request.body),
    },
    response: { status: response.status, headers: redactHeaders(response.headers), body: redactBody(response.body) },
  };
}

function logFinding(
  cell: CheckCell,
  checkId: string,
  outcome: CheckOutcome,
  exchange: Exchange | undefined,
  flow: string | undefined,
): void {
  if (outcome.notRun && !notRunReasons.has(cellKey(cell))) notRunReasons.set(cellKey(cell), outcome.message ?? '');
  const key = `${checkResultName({ ...cell, checkId })}${outcome.notRun ? ' (not run)' : ''}`;
  if (logged.has(key)) return;
  logged.add(key);
  const transportError = exchange && noResponse(exchange.response) !== undefined ? exchange.response.error : undefined;
  const finding: Finding = {
    ...cell,
    checkId,
    message: redactText(outcome.message ?? 'failed'),
    flow,
    ...(outcome.notRun ? { notRun: true } : {}),
    ...(outcome.cause ? { cause: outcome.cause } : {}),
    ...(transportError ? { transportError: redactText(transportError) } : {}),
    ...(exchange ? redactedExchange(exchange) : {}),
  };
  console.log(FINDING_PREFIX + JSON.stringify(finding));
}

async function runCheck<Input>(c: Check<Input>, input: Input): Promise<CheckOutcome> {
  try {
    return await c.run(input);
  } catch (error) {
    return { ok: false, cause: 'exception', message: `the check itself failed: ${(error as Error).message}` };
  }
}

/**
 * Runs checks on an input and records each result as a k6 check named after the matrix cell, tagged
 * with endpoint, credential method, check id and severity. Returns whether every failure-severity
 * check passed, so a flow can stop when what follows depends on it.
 *
 * A check with nothing to judge is logged as not run, with why, and never counted by k6 as a pass.
 * When the input is an exchange that got no response, only the checks that judge that run (a status
 * check fails with the transport error k6 named); if none of them does, http.response.received fails.
 */
export async function recordChecks<Input>(
  cell: CheckCell,
  checks: readonly Check<Input>[],
  input: Input,
  exchange?: Exchange,
  flow?: string,
): Promise<boolean> {
  if (exchange && everyResponse && !responsesJudged.has(exchange) && noResponse(exchange.response) === undefined) {
    responsesJudged.add(exchange);
    const extra = everyResponse(cell, exchange);
    if (extra) await recordChecks(cell, extra.checks, extra.input as never, exchange, flow);
  }
  const missing = exchange && (input as unknown) === exchange ? noResponse(exchange.response) : undefined;
  const judged = checks.some((c) => c.judgesNoResponse);
  const all = missing !== undefined && !judged ? [responseReceived as unknown as Check<Input>, ...checks] : [...checks];
  let allPassed = true;
  for (const c of all) {
    const outcome =
      missing !== undefined && !c.judgesNoResponse
        ? notRun(`no response to judge: ${missing}`)
        : await runCheck(c, input);
    if (outcome.notRun) {
      logFinding(cell, c.id, outcome, exchange, flow);
      continue;
    }
    const name = checkResultName({ ...cell, checkId: c.id });
    check(outcome, { [name]: (o) => o.ok }, tagsFor(cell, c.id, c.severity));
    judgedCells.add(cellKey(cell));
    if (outcome.ok) continue;
    if (c.severity === 'failure') allPassed = false;
    logFinding(cell, c.id, outcome, exchange, flow);
  }
  return allPassed;
}

/**
 * Records that a flow stopped with an exception: a failed flow.completed_without_exception check on
 * each cell it covers, naming the flow and the exception, so the run fails and no cell it stopped
 * reads as passed or skipped.
 */
export async function recordException(cells: readonly CheckCell[], flow: string, error: unknown): Promise<void> {
  for (const cell of cells) await recordChecks(cell, [flowCompletedWithoutException], { flow, error }, undefined, flow);
}

function tagsFor(cell: CheckCell, checkId: string, severity: Severity): Record<string, string> {
  return { endpoint: cell.endpoint, credential: cell.credential ?? 'none', check_id: checkId, severity };
}

/**
 * Records that a matrix cell was not run and why (its client is not configured, the target does not
 * offer the endpoint): the matrix shows the cell as skipped with this reason, never as passed.
 */
export function recordSkip(cell: CheckCell, reason: string): void {
  judgedCells.add(cellKey(cell));
  const finding: Finding = { ...cell, checkId: 'cell.skipped', message: redactText(reason), skipped: true };
  console.log(FINDING_PREFIX + JSON.stringify(finding));
}

/**
 * Records checks a flow could not make and why (`the provider does not advertise the
 * client_credentials grant`): each is logged as not run, never counted as a pass.
 */
export function recordNotRun<Input>(
  cell: CheckCell,
  checks: readonly Check<Input>[],
  why: string,
  flow?: string,
): void {
  for (const c of checks) logFinding(cell, c.id, notRun(why), undefined, flow);
}

/**
 * True when the target answered 404 Not Found to an endpoint's first request: it does not offer the
 * endpoint (a tenant without the feature, or a local tenant still growing), and the cell is recorded
 * as skipped with that reason instead of failing every check on a page that is not there.
 */
export function notOffered(cell: CheckCell, exchange: Exchange): boolean {
  if (exchange.response.status !== 404) return false;
  recordSkip(
    cell,
    `the target answers 404 to ${exchange.request.method} ${exchange.request.url.replace(/[?#].*$/, '')}: it does not offer this endpoint`,
  );
  return true;
}
