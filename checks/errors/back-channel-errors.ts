import { statusCheck } from '../http/status.ts';
import { AUTH0 } from '../references.ts';
import { errorCodeCheck, oauthErrorCode } from './error-body.ts';
import type { ErrorCaseChecks } from './error-case-checks.ts';

// Refusals of the back-channel endpoints other than /oauth/token that the conformance suite provokes:
// Auth0's own endpoints (or Auth0's answers, for /bc-authorize), so the oidc profile has no rule.

export const backChannelErrorCases = {
  // Every SDK fixture shows 400 user_exists or invalid_signup; the API page says 409
  // (docs/auth0-api.md §3.6, §7.5).
  signup_duplicate: {
    auth0: [
      statusCheck('signup_error.duplicate.status.is_400_or_409', AUTH0.signup),
      errorCodeCheck('signup_error.duplicate.code.is_user_exists_or_invalid_signup', AUTH0.signup, {
        shape: 'database',
        codes: ['user_exists', 'invalid_signup'],
      }),
    ],
  },
  // docs/auth0-api.md §3.6, §8.14.
  signup_weak_password: {
    auth0: [
      statusCheck('signup_error.weak_password.status.is_400', AUTH0.signup),
      errorCodeCheck('signup_error.weak_password.code.is_invalid_password', AUTH0.authenticationErrors, {
        shape: 'database',
        codes: ['invalid_password'],
        name: 'PasswordStrengthError',
      }),
    ],
  },
  // docs/auth0-api.md §3.7, §8.16.
  passwordless_missing_connection: {
    auth0: [
      statusCheck('passwordless_error.missing_connection.status.is_400', AUTH0.passwordlessStart),
      oauthErrorCode(
        'passwordless_error.missing_connection.code.is_bad_connection',
        AUTH0.passwordlessStart,
        'bad.connection',
      ),
    ],
  },
  passwordless_bad_phone: {
    auth0: [
      statusCheck('passwordless_error.bad_phone.status.is_400', AUTH0.passwordlessStart),
      oauthErrorCode(
        'passwordless_error.bad_phone.code.is_bad_phone_number',
        AUTH0.passwordlessStart,
        'bad.phone_number',
      ),
    ],
  },
  // docs/auth0-api.md §3.5 (/bc-authorize validation).
  bc_authorize_missing_binding_message: {
    auth0: [
      statusCheck('bc_authorize_error.missing_binding_message.status.is_400', AUTH0.backChannelLogin),
      oauthErrorCode(
        'bc_authorize_error.missing_binding_message.code.is_invalid_request',
        AUTH0.backChannelLogin,
        'invalid_request',
      ),
    ],
  },
} satisfies Record<string, ErrorCaseChecks>;
