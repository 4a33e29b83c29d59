import { describeValue, fail, pass, type Check } from '../check.ts';
import { jsonBody, type Exchange, type RecordedResponse } from '../exchange.ts';
import { DbConnectionError } from '../schemas/db-connection-error.ts';
import { OAuthError } from '../schemas/oauth-error.ts';

// What an error body must say: its code (and, for database connections, its name) and, where the
// docs quote it, its description. Each check carries what it expects, for fixtures and listings.

/**
 * oauth: `{error, error_description}` (/oauth/*, /mfa/*, /passwordless/start, /bc-authorize);
 * database: `{name, code, description}` (/dbconnections/*). docs/auth0-api.md §3.1, shapes A and B.
 */
type ErrorShape = 'oauth' | 'database';

export interface ErrorCodeRule {
  shape: ErrorShape;
  /** Several codes only where Auth0's sources disagree or the standard leaves the choice. */
  codes: readonly string[];
  /** The database shape's `name`, e.g. PasswordStrengthError. */
  name?: string;
}

export interface ErrorCodeCheck extends Check<Exchange> {
  expected: ErrorCodeRule;
}

export interface ErrorDescriptionCheck extends Check<Exchange> {
  expected: { description: string };
}

interface ErrorSeen {
  code?: string;
  description?: unknown;
  name?: string;
  problem?: string;
}

function readError(shape: ErrorShape, response: RecordedResponse): ErrorSeen {
  const body = jsonBody(response) ?? response.body;
  if (shape === 'oauth') {
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

/**
 * The error body has the shape and one of the codes (and the name, when given). The id names the
 * codes it accepts, a dot in a code written as `_`: `….code.is_access_denied_or_invalid_client`.
 */
export function errorCodeCheck(id: string, ref: string, expected: ErrorCodeRule): ErrorCodeCheck {
  const named = `.code.is_${expected.codes.map((c) => c.replace(/\./g, '_')).join('_or_')}`;
  if (!id.endsWith(named)) throw new Error(`An error-code check's id ends in ${named}; ${id} does not.`);
  return {
    id,
    ref,
    severity: 'failure',
    title: `The error code is ${expected.codes.join(' or ')}${expected.name ? ` (${expected.name})` : ''}.`,
    expected,
    run({ response }) {
      const seen = readError(expected.shape, response);
      if (seen.problem) return fail(seen.problem);
      if (!expected.codes.includes(seen.code ?? ''))
        return fail(`expected error ${expected.codes.join(' or ')}, got ${describeValue(seen.code)}`);
      if (expected.name && seen.name !== expected.name)
        return fail(`expected name ${describeValue(expected.name)}, got ${describeValue(seen.name)}`);
      return pass();
    },
  };
}

/** An OAuth error code check: `oauthErrorCode('….code.is_invalid_grant', ref, 'invalid_grant')`. */
export const oauthErrorCode = (id: string, ref: string, ...codes: string[]): ErrorCodeCheck =>
  errorCodeCheck(id, ref, { shape: 'oauth', codes });

/** The OAuth error body carries exactly the description the docs quote. */
export function errorDescriptionCheck(id: string, ref: string, description: string): ErrorDescriptionCheck {
  if (!id.endsWith('.description'))
    throw new Error(`An error-description check's id ends in .description; ${id} does not.`);
  return {
    id,
    ref,
    severity: 'failure',
    title: `The error description is "${description}".`,
    expected: { description },
    run({ response }) {
      const seen = readError('oauth', response);
      if (seen.problem) return fail(seen.problem);
      return seen.description === description
        ? pass()
        : fail(`expected description ${describeValue(description)}, got ${describeValue(seen.description)}`);
    },
  };
}
