import { statusCheck } from '../http/status.ts';
import { AUTH0, OPENID, rfc } from '../references.ts';
import { errorDescriptionCheck, oauthErrorCode } from './error-body.ts';
import type { ErrorCaseChecks } from './error-case-checks.ts';

// Every refusal the conformance suite provokes at POST /oauth/token, with what each profile requires
// of the answer. auth0: Auth0's documented behaviour (docs/auth0-api.md §3.2–3.5), tolerant exactly
// where §7 lists conflicting sources. oidc: RFC 6749 §5.2, RFC 8628 and CIBA only: every error is
// 400 except invalid_client, which the RFC lets a server answer with 401 (and requires 401 after
// HTTP Basic). A check both profiles hold is declared once and shared.

const OAUTH_ERROR = rfc(6749, '5.2');

// Auth0 answers these as the RFC does: 400 and the RFC's code. Auth0 documents no answer to an
// unparseable body or a Content-Type the endpoint does not take; its generic mapping (docs/auth0-api.md
// §3.1) makes a request it cannot read 400 invalid_request, which is the RFC's answer too.
const unsupportedGrantType = [
  statusCheck('token_error.unsupported_grant_type.status.is_400', OAUTH_ERROR),
  oauthErrorCode(
    'token_error.unsupported_grant_type.code.is_unsupported_grant_type',
    OAUTH_ERROR,
    'unsupported_grant_type',
  ),
];
const missingParameter = [
  statusCheck('token_error.missing_parameter.status.is_400', OAUTH_ERROR),
  oauthErrorCode('token_error.missing_parameter.code.is_invalid_request', OAUTH_ERROR, 'invalid_request'),
];
const malformedBody = [
  statusCheck('token_error.malformed_body.status.is_400', OAUTH_ERROR),
  oauthErrorCode('token_error.malformed_body.code.is_invalid_request', OAUTH_ERROR, 'invalid_request'),
];
const wrongContentType = [
  statusCheck('token_error.wrong_content_type.status.is_400', OAUTH_ERROR),
  oauthErrorCode('token_error.wrong_content_type.code.is_invalid_request', OAUTH_ERROR, 'invalid_request'),
];

// Codes both profiles require; the statuses differ (Auth0 answers 403 where the RFC says 400).
const grantNotAllowedCode = oauthErrorCode(
  'token_error.grant_not_allowed.code.is_unauthorized_client',
  OAUTH_ERROR,
  'unauthorized_client',
);
const badCodeVerifierCode = oauthErrorCode(
  'token_error.bad_code_verifier.code.is_invalid_grant',
  rfc(7636, '4.6'),
  'invalid_grant',
);
// RFC 6749 §4.1.2: a code used twice is refused like an unknown one.
const invalidCodeCode = oauthErrorCode('token_error.invalid_code.code.is_invalid_grant', OAUTH_ERROR, 'invalid_grant');
const unknownRefreshTokenCode = oauthErrorCode(
  'token_error.unknown_refresh_token.code.is_invalid_grant',
  OAUTH_ERROR,
  'invalid_grant',
);
const reusedRefreshTokenCode = oauthErrorCode(
  'token_error.reused_refresh_token.code.is_invalid_grant',
  OAUTH_ERROR,
  'invalid_grant',
);
const invalidClientAssertionCode = oauthErrorCode(
  'token_error.invalid_client_assertion.code.is_invalid_client',
  rfc(7523, '3.2'),
  'invalid_client',
);
const devicePendingCode = oauthErrorCode(
  'token_error.device_pending.code.is_authorization_pending',
  rfc(8628, '3.5'),
  'authorization_pending',
);
const cibaPendingCode = oauthErrorCode(
  'token_error.ciba_pending.code.is_authorization_pending',
  OPENID.cibaTokenErrorResponse,
  'authorization_pending',
);
const cibaSlowDownCode = oauthErrorCode(
  'token_error.ciba_slow_down.code.is_slow_down',
  OPENID.cibaTokenErrorResponse,
  'slow_down',
);

export const tokenErrorCases = {
  // A wrong or missing secret is 401 access_denied "Unauthorized" on real tenants and 401
  // invalid_client in the OAS and the SDK mocks (docs/auth0-api.md §3.3, §7.4): either code, nothing else.
  wrong_secret: {
    auth0: [
      statusCheck('token_error.wrong_secret.status.is_401', AUTH0.apiClientSecret),
      oauthErrorCode(
        'token_error.wrong_secret.code.is_access_denied_or_invalid_client',
        AUTH0.apiClientSecret,
        'access_denied',
        'invalid_client',
      ),
    ],
    oidc: [
      statusCheck('token_error.wrong_secret.status.is_400_or_401', OAUTH_ERROR),
      oauthErrorCode('token_error.wrong_secret.code.is_invalid_client', OAUTH_ERROR, 'invalid_client'),
    ],
  },
  missing_secret: {
    auth0: [
      statusCheck('token_error.missing_secret.status.is_401', AUTH0.apiClientSecret),
      oauthErrorCode(
        'token_error.missing_secret.code.is_access_denied_or_invalid_client',
        AUTH0.apiClientSecret,
        'access_denied',
        'invalid_client',
      ),
    ],
    oidc: [
      statusCheck('token_error.missing_secret.status.is_400_or_401', OAUTH_ERROR),
      oauthErrorCode('token_error.missing_secret.code.is_invalid_client', OAUTH_ERROR, 'invalid_client'),
    ],
  },
  // docs/auth0-api.md §3.3, §8.4: "Grant type '…' not allowed for the client."
  grant_not_allowed: {
    auth0: [statusCheck('token_error.grant_not_allowed.status.is_403', AUTH0.updateGrantTypes), grantNotAllowedCode],
    oidc: [statusCheck('token_error.grant_not_allowed.status.is_400', OAUTH_ERROR), grantNotAllowedCode],
  },
  unsupported_grant_type: { auth0: unsupportedGrantType, oidc: unsupportedGrantType },
  missing_parameter: { auth0: missingParameter, oidc: missingParameter },
  malformed_body: { auth0: malformedBody, oidc: malformedBody },
  wrong_content_type: { auth0: wrongContentType, oidc: wrongContentType },
  // docs/auth0-api.md §3.3, §8.7 (descriptions from Auth0's Node SDK).
  bad_code_verifier: {
    auth0: [
      statusCheck('token_error.bad_code_verifier.status.is_403', AUTH0.codePkceGrant),
      badCodeVerifierCode,
      errorDescriptionCheck(
        'token_error.bad_code_verifier.description',
        AUTH0.codePkceGrant,
        'Failed to verify code verifier',
      ),
    ],
    oidc: [statusCheck('token_error.bad_code_verifier.status.is_400', rfc(7636, '4.6')), badCodeVerifierCode],
  },
  // Unknown, expired and reused codes share one answer (docs/auth0-api.md §3.3, §8.7).
  invalid_code: {
    auth0: [
      statusCheck('token_error.invalid_code.status.is_403', AUTH0.codeGrant),
      invalidCodeCode,
      errorDescriptionCheck('token_error.invalid_code.description', AUTH0.codeGrant, 'Invalid authorization code'),
    ],
    oidc: [statusCheck('token_error.invalid_code.status.is_400', OAUTH_ERROR), invalidCodeCode],
  },
  // docs/auth0-api.md §3.3, §8.8.
  unknown_refresh_token: {
    auth0: [
      statusCheck('token_error.unknown_refresh_token.status.is_403', AUTH0.refreshTokenGrant),
      unknownRefreshTokenCode,
      errorDescriptionCheck(
        'token_error.unknown_refresh_token.description',
        AUTH0.refreshTokenGrant,
        'Unknown or invalid refresh token.',
      ),
    ],
    oidc: [statusCheck('token_error.unknown_refresh_token.status.is_400', OAUTH_ERROR), unknownRefreshTokenCode],
  },
  // Rotation: a replaced refresh token presented again is refused (docs/auth0-api.md §3.3, §8.8;
  // RFC 9700 §4.14.2 for the standards).
  reused_refresh_token: {
    auth0: [
      statusCheck('token_error.reused_refresh_token.status.is_403', AUTH0.refreshTokenRotation),
      reusedRefreshTokenCode,
    ],
    oidc: [statusCheck('token_error.reused_refresh_token.status.is_400', rfc(9700, '4.14.2')), reusedRefreshTokenCode],
  },
  // docs/auth0-api.md §8.18: Auth0's exact answer to a bad assertion is unconfirmed; invalid_client
  // with 401 is the RFC 7523 §3.2 / RFC 6749 §5.2 reading and what Auth0's SDKs expect. Not a §7
  // conflict, so strict.
  invalid_client_assertion: {
    auth0: [
      statusCheck('token_error.invalid_client_assertion.status.is_401', AUTH0.privateKeyJwt),
      invalidClientAssertionCode,
    ],
    oidc: [
      statusCheck('token_error.invalid_client_assertion.status.is_400_or_401', OAUTH_ERROR),
      invalidClientAssertionCode,
    ],
  },
  // docs/auth0-api.md §3.2, §8.5.
  wrong_password: {
    auth0: [
      statusCheck('token_error.wrong_password.status.is_403', AUTH0.passwordGrant),
      oauthErrorCode('token_error.wrong_password.code.is_invalid_grant', AUTH0.passwordGrant, 'invalid_grant'),
      errorDescriptionCheck('token_error.wrong_password.description', AUTH0.passwordGrant, 'Wrong email or password.'),
    ],
  },
  // docs/auth0-api.md §3.2, §8.6.
  mfa_required: {
    auth0: [
      statusCheck('token_error.mfa_required.status.is_403', AUTH0.mfaWithPasswordGrant),
      oauthErrorCode('token_error.mfa_required.code.is_mfa_required', AUTH0.mfaWithPasswordGrant, 'mfa_required'),
      errorDescriptionCheck(
        'token_error.mfa_required.description',
        AUTH0.mfaWithPasswordGrant,
        'Multifactor authentication required',
      ),
    ],
  },
  // The statuses of MFA invalid_grant answers are unconfirmed, likely 403 (docs/auth0-api.md §3.4, §7.14).
  wrong_otp: {
    auth0: [
      statusCheck('token_error.wrong_otp.status.is_400_or_401_or_403', AUTH0.mfaOtpGrant),
      oauthErrorCode('token_error.wrong_otp.code.is_invalid_grant', AUTH0.mfaOtpGrant, 'invalid_grant'),
      errorDescriptionCheck('token_error.wrong_otp.description', AUTH0.mfaOtpGrant, 'Invalid otp_code.'),
    ],
  },
  // Status unconfirmed: "403?" in docs/auth0-api.md §3.2, and §7.14.
  wrong_passwordless_code: {
    auth0: [
      statusCheck('token_error.wrong_passwordless_code.status.is_400_or_401_or_403', AUTH0.passwordlessGrant),
      oauthErrorCode(
        'token_error.wrong_passwordless_code.code.is_invalid_grant',
        AUTH0.passwordlessGrant,
        'invalid_grant',
      ),
      errorDescriptionCheck(
        'token_error.wrong_passwordless_code.description',
        AUTH0.passwordlessGrant,
        'Wrong email or verification code.',
      ),
    ],
  },
  // Device polling is 403/429 in the current docs, 400 in older ones (docs/auth0-api.md §3.5, §7.1).
  device_pending: {
    auth0: [statusCheck('token_error.device_pending.status.is_403_or_400', AUTH0.deviceFlow), devicePendingCode],
    oidc: [statusCheck('token_error.device_pending.status.is_400', rfc(8628, '3.5')), devicePendingCode],
  },
  // RFC 8628 §3.5 lets a server keep answering authorization_pending to a fast poller: slow_down is
  // its option, not its duty.
  device_slow_down: {
    auth0: [
      statusCheck('token_error.device_slow_down.status.is_429_or_400', AUTH0.deviceFlow),
      oauthErrorCode('token_error.device_slow_down.code.is_slow_down', AUTH0.deviceFlow, 'slow_down'),
    ],
    oidc: [
      statusCheck('token_error.device_slow_down.status.is_400', rfc(8628, '3.5')),
      oauthErrorCode(
        'token_error.device_slow_down.code.is_slow_down_or_authorization_pending',
        rfc(8628, '3.5'),
        'slow_down',
        'authorization_pending',
      ),
    ],
  },
  // CIBA polling statuses are undocumented; the SDK mocks use 400 (docs/auth0-api.md §3.5, §7.2).
  ciba_pending: {
    auth0: [statusCheck('token_error.ciba_pending.status.is_400_or_401_or_403', AUTH0.cibaFlow), cibaPendingCode],
    oidc: [statusCheck('token_error.ciba_pending.status.is_400', OPENID.cibaTokenErrorResponse), cibaPendingCode],
  },
  ciba_slow_down: {
    auth0: [statusCheck('token_error.ciba_slow_down.status.is_400_or_403_or_429', AUTH0.cibaFlow), cibaSlowDownCode],
    oidc: [statusCheck('token_error.ciba_slow_down.status.is_400', OPENID.cibaTokenErrorResponse), cibaSlowDownCode],
  },
} satisfies Record<string, ErrorCaseChecks>;
