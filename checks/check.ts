// A check is one named assertion about the server (after the OpenID conformance suite): a stable
// dotted id that reports, allowlists and baselines key on, a reference, a severity, and a failure
// message that says what was seen and what was expected. Checks are pure: they run unchanged inside
// k6 bundles and in Node. The id is written out, in quotes, in the one file that defines the rule, so
// grepping an id from a report lands there (`auth0-harness checks` lists each check's file).

export type Severity = 'failure' | 'warning';

export interface CheckOutcome {
  ok: boolean;
  /** On failure: what was seen and what was expected; when not run: why. */
  message?: string;
  /**
   * The check had nothing to judge (no response, no document, no field it inspects): it neither
   * passed nor failed. `ok` is false so that nothing reads it as a pass.
   */
  notRun?: boolean;
  /** A failure not about the server's contract: no response came, or the harness itself threw. */
  cause?: 'transport' | 'exception';
}

export interface Check<Input> {
  id: string;
  /**
   * Where the rule comes from, as an https link a reader can open (see references.ts): the RFC or
   * OpenID section a standards rule is held to, or the Auth0 docs page for Auth0's own behaviour.
   */
  ref: string;
  severity: Severity;
  /** One sentence stating the rule. */
  title: string;
  /**
   * Judges a request that got no response at all (status checks do: "no response: connection
   * refused"). Every other check of such an exchange is recorded as not run.
   */
  judgesNoResponse?: boolean;
  run(input: Input): CheckOutcome | Promise<CheckOutcome>;
}

export function defineCheck<Input>(check: Check<Input>): Check<Input> {
  return check;
}

export const pass = (): CheckOutcome => ({ ok: true });
export const fail = (message: string): CheckOutcome => ({ ok: false, message });
/** The check had no evidence to judge; `why` says what was missing. Never a pass. */
export const notRun = (why: string): CheckOutcome => ({ ok: false, notRun: true, message: why });

/** A failure when the condition is false, with the message built only when needed. */
export function expectThat(condition: boolean, message: () => string): CheckOutcome {
  return condition ? pass() : fail(message());
}

/** Short, log-safe rendering of a value seen in a response. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
