import { defineCheck, describeValue, expectThat, fail, pass, type Check } from '../check.ts';
import { jsonBody, type Exchange } from '../exchange.ts';
import { statusCheck } from '../http/status.ts';
import { DbConnectionError } from '../schemas/db-connection-error.ts';
import { OAuthError } from '../schemas/oauth-error.ts';

/**
 * One documented error answer: the statuses and codes a server may give for a case, and the
 * description where the spec quotes it. Several statuses or codes only where the source lists a
 * conflict (auth0-spec §7) or the standard itself leaves the choice (RFC 6749 §5.2 on 401 vs 400).
 */
export interface ErrorCase {
  /** Check ids start with it: `token_error.wrong_secret.status.is_401`, `….code.is_invalid_client`, `….description`. */
  subject: string;
  ref: string;
  statuses: number[];
  /** a: OAuth `{error, error_description}`; b: DB-connections `{name, code, description}`. */
  shape: 'a' | 'b';
  codes: string[];
  description?: string;
  /** Shape B's `name`, e.g. PasswordStrengthError. */
  name?: string;
}

function codeOf(
  errorCase: ErrorCase,
  body: unknown,
): { code?: string; description?: unknown; name?: string; problem?: string } {
  if (errorCase.shape === 'a') {
    const parsed = OAuthError.safeParse(body);
    if (!parsed.success)
      return { problem: `expected an OAuth error body {error, error_description}, got ${describeValue(body)}` };
    return { code: parsed.data.error, description: parsed.data.error_description };
  }
  const parsed = DbConnectionError.safeParse(body);
  if (!parsed.success)
    return { problem: `expected a DB-connections error body {name, code, description}, got ${describeValue(body)}` };
  return { code: parsed.data.code, description: parsed.data.description, name: parsed.data.name };
}

function codeCheck(errorCase: ErrorCase): Check<Exchange> {
  return defineCheck({
    // The codes are part of the id because the profiles disagree on them: one id, one rule.
    id: `${errorCase.subject}.code.is_${errorCase.codes.map((c) => c.replace(/\./g, '_')).join('_or_')}`,
    ref: errorCase.ref,
    severity: 'failure',
    title: `The error code is ${errorCase.codes.join(' or ')}${errorCase.name ? ` (${errorCase.name})` : ''}.`,
    run({ response }) {
      const seen = codeOf(errorCase, jsonBody(response) ?? response.body);
      if (seen.problem) return fail(seen.problem);
      if (!errorCase.codes.includes(seen.code ?? ''))
        return fail(`expected error ${errorCase.codes.join(' or ')}, got ${describeValue(seen.code)}`);
      if (errorCase.name && seen.name !== errorCase.name)
        return fail(`expected name ${describeValue(errorCase.name)}, got ${describeValue(seen.name)}`);
      return pass();
    },
  });
}

function descriptionCheck(errorCase: ErrorCase, description: string): Check<Exchange> {
  return defineCheck({
    id: `${errorCase.subject}.description`,
    ref: errorCase.ref,
    severity: 'failure',
    title: `The error description is "${description}".`,
    run({ response }) {
      const seen = codeOf(errorCase, jsonBody(response) ?? response.body);
      if (seen.problem) return fail(seen.problem);
      return expectThat(
        seen.description === description,
        () => `expected description ${describeValue(description)}, got ${describeValue(seen.description)}`,
      );
    },
  });
}

/** The checks an error case makes of a response: its status, its code and, where documented, its description. */
export function errorCaseChecks(errorCase: ErrorCase): Check<Exchange>[] {
  return [
    statusCheck(errorCase.subject, errorCase.statuses, errorCase.ref),
    codeCheck(errorCase),
    ...(errorCase.description === undefined ? [] : [descriptionCheck(errorCase, errorCase.description)]),
  ];
}
