import { defineCheck, pass, type CheckOutcome } from '../check.ts';
import { noResponse, type RecordedResponse } from '../exchange.ts';
import { K6 } from '../references.ts';

// k6 gives status 0 and names the transport error (refused, reset, timeout, DNS, TLS) in res.error
// and res.error_code. Such a failure is reported as what it is, never as "got status 0".

/** The failure of a check that expected `expected` of a request that got no response; undefined when one came. */
export function noResponseFailure(response: RecordedResponse, expected: string): CheckOutcome | undefined {
  const why = noResponse(response);
  return why === undefined
    ? undefined
    : { ok: false, cause: 'transport', message: `expected ${expected}, got no response: ${why}` };
}

/**
 * Recorded for a request with no response when none of the checks made of it judges that (a set
 * without a status check), so a transport error always fails its cell.
 */
export const responseReceived = defineCheck<{ response: RecordedResponse }>({
  id: 'http.response.received',
  ref: K6.errorCodes,
  severity: 'failure',
  title: 'The server answered the request: no transport error (refused, reset, timeout, DNS, TLS).',
  judgesNoResponse: true,
  run: ({ response }) => noResponseFailure(response, 'a response') ?? pass(),
});
