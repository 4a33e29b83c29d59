import { check } from 'k6';
import type { Check, Severity } from '../checks/check.ts';
import type { Exchange } from '../checks/exchange.ts';
import { redactBody, redactHeaders, redactText, redactUrl } from './redact.ts';
import { checkResultName, FINDING_PREFIX, type CheckCell, type Finding } from './result-protocol.ts';

// Findings already logged by this VU: the first failure of each check per cell is enough to explain
// it, and a load run must not flood the log.
const logged = new Set<string>();

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

/**
 * Runs checks on an input and records each result as a k6 check named after the matrix cell, tagged
 * with endpoint, credential method, check id and severity. Returns whether every failure-severity
 * check passed, so a flow can stop when what follows depends on it.
 */
export async function recordChecks<Input>(
  cell: CheckCell,
  checks: readonly Check<Input>[],
  input: Input,
  exchange?: Exchange,
  flow?: string,
): Promise<boolean> {
  let allPassed = true;
  for (const c of checks) {
    let outcome;
    try {
      outcome = await c.run(input);
    } catch (error) {
      outcome = { ok: false, message: `the check itself failed: ${(error as Error).message}` };
    }
    const name = checkResultName({ ...cell, checkId: c.id });
    check(outcome, { [name]: (o) => o.ok }, tagsFor(cell, c.id, c.severity));
    if (!outcome.ok) {
      if (c.severity === 'failure') allPassed = false;
      if (!logged.has(name)) {
        logged.add(name);
        const finding: Finding = {
          ...cell,
          checkId: c.id,
          message: redactText(outcome.message ?? 'failed'),
          flow,
          ...(exchange ? redactedExchange(exchange) : {}),
        };
        console.log(FINDING_PREFIX + JSON.stringify(finding));
      }
    }
  }
  return allPassed;
}

function tagsFor(cell: CheckCell, checkId: string, severity: Severity): Record<string, string> {
  return { endpoint: cell.endpoint, credential: cell.credential ?? 'none', check_id: checkId, severity };
}

/**
 * Records that a matrix cell was not run and why (its client is not configured, the target does not
 * offer the endpoint): the matrix shows the cell as skipped with this reason, never as passed.
 */
export function recordSkip(cell: CheckCell, reason: string): void {
  const finding: Finding = { ...cell, checkId: 'cell.skipped', message: redactText(reason), skipped: true };
  console.log(FINDING_PREFIX + JSON.stringify(finding));
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
