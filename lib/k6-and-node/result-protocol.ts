// How a scenario hands its results to the harness, the same on real k6 and on the local engine:
// - every check result is a k6 check whose name carries endpoint, credential method and check id,
//   so handleSummary's root_group counts passes and fails per matrix cell;
// - the first failure of each check is logged as one console line (`FINDING_PREFIX` + JSON) with its
//   message and the redacted request and response; the harness reads it from k6's JSON log.

export const FINDING_PREFIX = 'auth0-harness:finding ';
const SEPARATOR = ' | ';
const NO_CREDENTIAL = '-';

export interface CheckCell {
  /** Method and path, e.g. `POST /oauth/token`. */
  endpoint: string;
  /** Credential method (see credential-methods.ts), or null where none applies. */
  credential: string | null;
}

export interface CheckResultName extends CheckCell {
  checkId: string;
}

export function checkResultName({ endpoint, credential, checkId }: CheckResultName): string {
  return [endpoint, credential ?? NO_CREDENTIAL, checkId].join(SEPARATOR);
}

export function parseCheckResultName(name: string): CheckResultName | undefined {
  const parts = name.split(SEPARATOR);
  if (parts.length !== 3) return undefined;
  const [endpoint, credential, checkId] = parts;
  return { endpoint, credential: credential === NO_CREDENTIAL ? null : credential, checkId };
}

export interface Finding extends CheckResultName {
  message: string;
  /** Redacted request and response that the failure was seen on, when there was one. */
  request?: { method: string; url: string; headers: Record<string, string>; body?: string };
  response?: { status: number; headers: Record<string, string>; body: string };
  /** Steps of a multi-request flow that led to it (names only). */
  flow?: string;
  /** The cell was not run; `message` says why (client not configured, endpoint not offered). */
  skipped?: boolean;
  /**
   * This check was not run: it had nothing to judge (no response, no document, no field it reads),
   * and `message` says why. It is never a k6 check, so it counts neither as a pass nor as a failure.
   */
  notRun?: boolean;
  /**
   * A failure not about the server's contract: `transport` when no response came (refused, reset,
   * timeout, DNS, TLS), `exception` when the harness itself threw (flow.completed_without_exception,
   * or a check that threw).
   */
  cause?: 'transport' | 'exception';
  /** k6's `res.error` for a request that got no response, e.g. `dial tcp …: connect: connection refused`. */
  transportError?: string;
}
