import { z } from 'zod';
import { oauthErrorCode } from '../errors/error-body.ts';
import { jsonContentType } from '../http/json-content-type.ts';
import { statusCheck } from '../http/status.ts';
import { AUTH0 } from '../references.ts';
import { schemaCheck } from '../schemas/schema-check.ts';

// POST /otp/challenge, passwordless OTP on a database connection (docs/auth0-api.md §1.2, §3.7b),
// and the legacy POST /passwordless/verify of a code sent by /passwordless/start (§1.2, §3.2).

export const otpChallengeChecks = [
  statusCheck('otp_challenge.status.is_200', AUTH0.passwordlessOnDatabase),
  jsonContentType,
  schemaCheck({
    id: 'otp_challenge.schema',
    ref: AUTH0.passwordlessOnDatabase,
    title: 'The challenge answers an auth_session for the passwordless-OTP grant.',
    schema: z.looseObject({ auth_session: z.string().min(1) }),
  }),
];

export const otpChallengeErrorChecks = [
  statusCheck('otp_challenge_error.missing_identifier.status.is_400', AUTH0.passwordlessOnDatabase),
  oauthErrorCode(
    'otp_challenge_error.missing_identifier.code.is_invalid_request',
    AUTH0.passwordlessOnDatabase,
    'invalid_request',
  ),
];

export const passwordlessVerifyChecks = [statusCheck('passwordless_verify.status.is_200', AUTH0.passwordlessVerify)];

// The wrong-code answer of the passwordless grant (docs/auth0-api.md §3.2; its status is
// unconfirmed, §7.14).
export const passwordlessVerifyErrorChecks = [
  statusCheck('passwordless_verify_error.wrong_code.status.is_400_or_401_or_403', AUTH0.passwordlessVerify),
  oauthErrorCode(
    'passwordless_verify_error.wrong_code.code.is_invalid_grant',
    AUTH0.passwordlessVerify,
    'invalid_grant',
  ),
];
