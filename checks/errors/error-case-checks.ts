import type { Check } from '../check.ts';
import type { Exchange } from '../exchange.ts';

/** What a profile requires of the answer to one provoked refusal; no oidc rule where the standards say nothing. */
export interface ErrorCaseChecks {
  auth0: Check<Exchange>[];
  oidc?: Check<Exchange>[];
}
