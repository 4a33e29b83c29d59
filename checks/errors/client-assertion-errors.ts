import { statusCheck } from '../http/status.ts';
import { AUTH0, rfc } from '../references.ts';
import { oauthErrorCode } from './error-body.ts';
import type { ErrorCaseChecks } from './error-case-checks.ts';

// One refusal per private_key_jwt rule Auth0 documents (docs/auth0-api.md §5, after Auth0's
// private-key JWT page), each with its own ids so that a report names the rule a tenant let through.
// Auth0 documents no error body for a bad assertion; its support notes show invalid_client, and a bad
// secret gets 401 access_denied on real tenants (§7.4): either code, at 401 only.
// The oidc profile holds only what RFC 7523 §3 requires: aud must name the server, and a replayed
// jti may be refused (the harness expects it, as before).

const CODES = ['invalid_client', 'access_denied'] as const;
const OAUTH_ERROR = rfc(6749, '5.2');

export const clientAssertionErrorCases = {
  // 10 s of skew is allowed on iat; an assertion issued a minute ahead is past it.
  assertion_iat_in_future: {
    auth0: [
      statusCheck('token_error.assertion_iat_in_future.status.is_401', AUTH0.privateKeyJwt),
      oauthErrorCode(
        'token_error.assertion_iat_in_future.code.is_invalid_client_or_access_denied',
        AUTH0.privateKeyJwt,
        ...CODES,
      ),
    ],
  },
  // JWT NumericDates are seconds (RFC 7519 §2); an iat in milliseconds lies thousands of years ahead.
  assertion_iat_in_milliseconds: {
    auth0: [
      statusCheck('token_error.assertion_iat_in_milliseconds.status.is_401', AUTH0.privateKeyJwt),
      oauthErrorCode(
        'token_error.assertion_iat_in_milliseconds.code.is_invalid_client_or_access_denied',
        AUTH0.privateKeyJwt,
        ...CODES,
      ),
    ],
  },
  // "Auth0 supports a maximum of 5 minutes for the lifetime of a token": exp - iat.
  assertion_lifetime_over_5_minutes: {
    auth0: [
      statusCheck('token_error.assertion_lifetime_over_5_minutes.status.is_401', AUTH0.privateKeyJwt),
      oauthErrorCode(
        'token_error.assertion_lifetime_over_5_minutes.code.is_invalid_client_or_access_denied',
        AUTH0.privateKeyJwt,
        ...CODES,
      ),
    ],
  },
  // The assertion is a one-time-use token: its jti is presented once.
  assertion_jti_reused: {
    auth0: [
      statusCheck('token_error.assertion_jti_reused.status.is_401', AUTH0.privateKeyJwt),
      oauthErrorCode(
        'token_error.assertion_jti_reused.code.is_invalid_client_or_access_denied',
        AUTH0.privateKeyJwt,
        ...CODES,
      ),
    ],
    oidc: [
      statusCheck('token_error.assertion_jti_reused.status.is_400_or_401', OAUTH_ERROR),
      oauthErrorCode('token_error.assertion_jti_reused.code.is_invalid_client', rfc(7523, '3'), 'invalid_client'),
    ],
  },
  // aud is the tenant's URL (its issuer, with the trailing slash); RFC 7523 §3 makes it a MUST.
  assertion_aud_not_issuer: {
    auth0: [
      statusCheck('token_error.assertion_aud_not_issuer.status.is_401', AUTH0.privateKeyJwt),
      oauthErrorCode(
        'token_error.assertion_aud_not_issuer.code.is_invalid_client_or_access_denied',
        AUTH0.privateKeyJwt,
        ...CODES,
      ),
    ],
    oidc: [
      statusCheck('token_error.assertion_aud_not_issuer.status.is_400_or_401', OAUTH_ERROR),
      oauthErrorCode('token_error.assertion_aud_not_issuer.code.is_invalid_client', rfc(7523, '3'), 'invalid_client'),
    ],
  },
} satisfies Record<string, ErrorCaseChecks>;
