import type { Check } from '../check.ts';
import type { Exchange } from '../exchange.ts';
import { errorCaseChecks, type ErrorCase } from './error-case.ts';
import { userinfoRefusesToken } from './userinfo-refusal.ts';

// Every negative case the conformance suite provokes, with what each profile requires of the answer.
// auth0: the documented Auth0 behaviour (auth0-spec §3), tolerant exactly where §7 lists conflicting
// sources. oidc: RFC 6749 §5.2 / RFC 8628 / OIDC Core only: every error is 400 except invalid_client,
// which the RFC lets a server answer with 401 (and requires 401 after HTTP Basic).

export type ErrorCaseName =
  | 'wrong_secret'
  | 'missing_secret'
  | 'grant_not_allowed'
  | 'unsupported_grant_type'
  | 'missing_parameter'
  | 'malformed_body'
  | 'wrong_content_type'
  | 'bad_code_verifier'
  | 'invalid_code'
  | 'unknown_refresh_token'
  | 'reused_refresh_token'
  | 'invalid_client_assertion'
  | 'mfa_required'
  | 'wrong_password'
  | 'wrong_otp'
  | 'wrong_passwordless_code'
  | 'device_pending'
  | 'device_slow_down'
  | 'ciba_pending'
  | 'ciba_slow_down'
  | 'signup_duplicate'
  | 'signup_weak_password'
  | 'passwordless_missing_connection'
  | 'passwordless_bad_phone'
  | 'bc_authorize_missing_binding_message';

type CaseSpec = Omit<ErrorCase, 'subject'> & { subject?: string };

// Spec §3.3: a wrong or missing secret is 401 access_denied "Unauthorized" on real tenants and 401
// invalid_client in the OAS and SDK mocks (§7 item 4): either code, nothing else.
const auth0ClientRefused: CaseSpec = {
  ref: 'auth0-spec §3.3, §7.4',
  statuses: [401],
  shape: 'a',
  codes: ['access_denied', 'invalid_client'],
};
const rfcClientRefused: CaseSpec = { ref: 'RFC6749-5.2', statuses: [400, 401], shape: 'a', codes: ['invalid_client'] };
const rfc = (code: string, ref = 'RFC6749-5.2'): CaseSpec => ({ ref, statuses: [400], shape: 'a', codes: [code] });

const AUTH0: Record<ErrorCaseName, CaseSpec> = {
  wrong_secret: auth0ClientRefused,
  missing_secret: auth0ClientRefused,
  grant_not_allowed: { ref: 'auth0-spec §3.3, §8 item 4', statuses: [403], shape: 'a', codes: ['unauthorized_client'] },
  unsupported_grant_type: { ref: 'auth0-spec §3.3', statuses: [400], shape: 'a', codes: ['unsupported_grant_type'] },
  missing_parameter: { ref: 'auth0-spec §3.3', statuses: [400], shape: 'a', codes: ['invalid_request'] },
  // The spec is silent on unparseable bodies and on a Content-Type the endpoint does not take; Auth0's
  // generic mapping (§3.1, OLD-ERR) makes a request it cannot read 400 invalid_request.
  malformed_body: {
    ref: 'auth0-spec §3.1 (generic status mapping)',
    statuses: [400],
    shape: 'a',
    codes: ['invalid_request'],
  },
  wrong_content_type: {
    ref: 'auth0-spec §3.1 (generic status mapping)',
    statuses: [400],
    shape: 'a',
    codes: ['invalid_request'],
  },
  bad_code_verifier: {
    ref: 'auth0-spec §3.3, §8 item 7',
    statuses: [403],
    shape: 'a',
    codes: ['invalid_grant'],
    description: 'Failed to verify code verifier',
  },
  // Unknown, expired and reused codes share one answer (spec §3.3).
  invalid_code: {
    ref: 'auth0-spec §3.3, §8 item 7',
    statuses: [403],
    shape: 'a',
    codes: ['invalid_grant'],
    description: 'Invalid authorization code',
  },
  unknown_refresh_token: {
    ref: 'auth0-spec §3.3, §8 item 8',
    statuses: [403],
    shape: 'a',
    codes: ['invalid_grant'],
    description: 'Unknown or invalid refresh token.',
  },
  reused_refresh_token: {
    ref: 'auth0-spec §3.3 (RTR), §8 item 8',
    statuses: [403],
    shape: 'a',
    codes: ['invalid_grant'],
  },
  // §8 item 18: the exact answer to a bad assertion is unconfirmed; invalid_client with 401 is the
  // RFC 7523 §3.2 / RFC 6749 §5.2 reading and what Auth0's SDKs expect. Not a §7 conflict: strict.
  invalid_client_assertion: {
    ref: 'RFC7523-3.2, auth0-spec §5 (private_key_jwt), §8 item 18',
    statuses: [401],
    shape: 'a',
    codes: ['invalid_client'],
  },
  wrong_password: {
    ref: 'auth0-spec §3.2, §8 item 5',
    statuses: [403],
    shape: 'a',
    codes: ['invalid_grant'],
    description: 'Wrong email or password.',
  },
  mfa_required: {
    ref: 'auth0-spec §3.2, §8 item 6',
    statuses: [403],
    shape: 'a',
    codes: ['mfa_required'],
    description: 'Multifactor authentication required',
  },
  // §7 item 14: statuses of MFA invalid_grant answers are unconfirmed (likely 403).
  wrong_otp: {
    ref: 'auth0-spec §3.4, §7.14',
    statuses: [400, 401, 403],
    shape: 'a',
    codes: ['invalid_grant'],
    description: 'Invalid otp_code.',
  },
  // Status unconfirmed (spec §3.2 '403?', §7 item 14).
  wrong_passwordless_code: {
    ref: 'auth0-spec §3.2, §7.14',
    statuses: [400, 401, 403],
    shape: 'a',
    codes: ['invalid_grant'],
    description: 'Wrong email or verification code.',
  },
  // §7 item 1: device polling is 403/429 in current docs, 400 in older ones.
  device_pending: { ref: 'auth0-spec §3.5, §7.1', statuses: [403, 400], shape: 'a', codes: ['authorization_pending'] },
  device_slow_down: { ref: 'auth0-spec §3.5, §7.1', statuses: [429, 400], shape: 'a', codes: ['slow_down'] },
  // §7 item 2: CIBA polling statuses are undocumented (SDK mocks 400).
  ciba_pending: {
    ref: 'auth0-spec §3.5, §7.2',
    statuses: [400, 401, 403],
    shape: 'a',
    codes: ['authorization_pending'],
  },
  ciba_slow_down: { ref: 'auth0-spec §3.5, §7.2', statuses: [400, 403, 429], shape: 'a', codes: ['slow_down'] },
  // §7 item 5: duplicate signup is 400 user_exists/invalid_signup in every SDK, 409 on the API page.
  signup_duplicate: {
    ref: 'auth0-spec §3.6, §7.5',
    statuses: [400, 409],
    shape: 'b',
    codes: ['user_exists', 'invalid_signup'],
  },
  signup_weak_password: {
    ref: 'auth0-spec §3.6, §8 item 14',
    statuses: [400],
    shape: 'b',
    codes: ['invalid_password'],
    name: 'PasswordStrengthError',
  },
  passwordless_missing_connection: {
    ref: 'auth0-spec §3.7, §8 item 16',
    statuses: [400],
    shape: 'a',
    codes: ['bad.connection'],
  },
  passwordless_bad_phone: {
    ref: 'auth0-spec §3.7, §8 item 16',
    statuses: [400],
    shape: 'a',
    codes: ['bad.phone_number'],
  },
  bc_authorize_missing_binding_message: {
    ref: 'auth0-spec §3.5 (/bc-authorize)',
    statuses: [400],
    shape: 'a',
    codes: ['invalid_request'],
  },
};

const OIDC: Partial<Record<ErrorCaseName, CaseSpec>> = {
  wrong_secret: rfcClientRefused,
  missing_secret: rfcClientRefused,
  invalid_client_assertion: { ...rfcClientRefused, ref: 'RFC7523-3.2, RFC6749-5.2' },
  grant_not_allowed: rfc('unauthorized_client'),
  unsupported_grant_type: rfc('unsupported_grant_type'),
  missing_parameter: rfc('invalid_request'),
  malformed_body: rfc('invalid_request'),
  wrong_content_type: rfc('invalid_request'),
  bad_code_verifier: rfc('invalid_grant', 'RFC7636-4.6, RFC6749-5.2'),
  invalid_code: rfc('invalid_grant', 'RFC6749-4.1.2, RFC6749-5.2'),
  unknown_refresh_token: rfc('invalid_grant'),
  reused_refresh_token: rfc('invalid_grant', 'RFC9700-4.14.2, RFC6749-5.2'),
  device_pending: rfc('authorization_pending', 'RFC8628-3.5'),
  // RFC 8628 §3.5 lets a server keep answering authorization_pending to a fast poller; slow_down is
  // its option, not its duty.
  device_slow_down: { ref: 'RFC8628-3.5', statuses: [400], shape: 'a', codes: ['slow_down', 'authorization_pending'] },
  ciba_pending: rfc('authorization_pending', 'CIBA-11'),
  ciba_slow_down: rfc('slow_down', 'CIBA-11'),
};

const PREFIX: Record<ErrorCaseName, string> = {
  wrong_secret: 'token_error',
  missing_secret: 'token_error',
  grant_not_allowed: 'token_error',
  unsupported_grant_type: 'token_error',
  missing_parameter: 'token_error',
  malformed_body: 'token_error',
  wrong_content_type: 'token_error',
  bad_code_verifier: 'token_error',
  invalid_code: 'token_error',
  unknown_refresh_token: 'token_error',
  reused_refresh_token: 'token_error',
  invalid_client_assertion: 'token_error',
  mfa_required: 'token_error',
  wrong_password: 'token_error',
  wrong_otp: 'token_error',
  wrong_passwordless_code: 'token_error',
  device_pending: 'token_error',
  device_slow_down: 'token_error',
  ciba_pending: 'token_error',
  ciba_slow_down: 'token_error',
  signup_duplicate: 'signup_error',
  signup_weak_password: 'signup_error',
  passwordless_missing_connection: 'passwordless_error',
  passwordless_bad_phone: 'passwordless_error',
  bc_authorize_missing_binding_message: 'bc_authorize_error',
};

export type ErrorProfile = 'auth0' | 'oidc';

function subjectOf(name: ErrorCaseName): string {
  return `${PREFIX[name]}.${name.replace(/^(signup|passwordless|bc_authorize)_/, '')}`;
}

/** The case as the profile defines it, or undefined where the standards say nothing about it. */
export function errorCase(name: ErrorCaseName, profile: ErrorProfile): ErrorCase | undefined {
  const spec = profile === 'auth0' ? AUTH0[name] : OIDC[name];
  return spec && { ...spec, subject: spec.subject ?? subjectOf(name) };
}

/** The checks for one negative case under one profile (empty where the profile has no rule for it). */
export function errorChecks(name: ErrorCaseName, profile: ErrorProfile): Check<Exchange>[] {
  const spec = errorCase(name, profile);
  return spec ? errorCaseChecks(spec) : [];
}

export const ERROR_CASE_NAMES = Object.keys(AUTH0) as ErrorCaseName[];

/** Every error check of every profile, for the catalogue. */
export function allErrorChecks(): Check<Exchange>[] {
  return [
    ...ERROR_CASE_NAMES.flatMap((n) => [...errorChecks(n, 'auth0'), ...errorChecks(n, 'oidc')]),
    ...userinfoRefusesToken,
  ];
}
