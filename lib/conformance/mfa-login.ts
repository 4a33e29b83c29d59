import { errorChecks } from '../../checks/errors/error-cases.ts';
import { mfaRequiredCarriesToken } from '../../checks/errors/mfa-token.ts';
import { describeAnswer, jsonBody } from '../../checks/exchange.ts';
import { endpointResponseChecks } from '../../checks/sets/endpoint-responses.ts';
import { tokenSuccessChecks } from '../../checks/sets/token-response.ts';
import { authenticate, type ClientMethod } from '../k6-and-node/credential-methods.ts';
import { notOffered, recordChecks, recordSkip } from '../record-checks.ts';
import type { CheckCell } from '../k6-and-node/result-protocol.ts';
import { sendRequest } from '../send-request.ts';
import { totp } from '../k6-and-node/totp.ts';
import type { FlowContext } from './flow-context.ts';
import { postAsClient, TOKEN_ENDPOINT } from './token-request.ts';
import { checkUserTokens, passwordRealm } from './user-login.ts';
import { GRANT_TYPE } from '../k6-and-node/grant-types.ts';

const CHALLENGE_ENDPOINT = 'POST /mfa/challenge';

/**
 * An MFA-enrolled user's login (docs/auth0-api.md §8.6): password-realm answers mfa_required with an
 * mfa_token; /mfa/challenge asks for an OTP; a wrong code is refused; the TOTP of the user's secret
 * completes the login with tokens.
 */
export async function mfaLogin(
  ctx: FlowContext,
  method: 'none' | 'client_secret_post' | 'private_key_jwt',
): Promise<void> {
  const challengeCell: CheckCell = { endpoint: CHALLENGE_ENDPOINT, credential: method };
  const user = ctx.config.users.mfa;
  if (!ctx.config.clients[method])
    return recordSkip(challengeCell, `no ${method} client in the harness configuration (clients.${method})`);
  if (!user?.otpSecret)
    return recordSkip(
      challengeCell,
      'no MFA user with an OTP secret in the harness configuration (users.mfa.otpSecret)',
    );
  const cell: CheckCell = { endpoint: TOKEN_ENDPOINT, credential: method };
  const url = ctx.tenant.endpoints.token_endpoint as string;

  const required = await postAsClient(ctx, {
    endpoint: TOKEN_ENDPOINT,
    url,
    method,
    params: passwordRealm(ctx, user),
    expectedStatuses: [403],
  });
  if (!required) return;
  const mfaRequired = await recordChecks(
    cell,
    [...errorChecks('mfa_required', 'auth0'), mfaRequiredCarriesToken],
    required,
    required,
    'password-realm for an MFA user',
  );
  if (!mfaRequired) {
    return recordSkip(
      challengeCell,
      `no mfa_token to challenge with: the password-realm login of users.mfa ${describeAnswer(required.response)}, not mfa_required`,
    );
  }
  const mfaToken = (jsonBody(required.response) as { mfa_token: string }).mfa_token;

  await challenge(ctx, method, mfaToken);

  const otpGrant = (otp: string) =>
    postAsClient(ctx, {
      endpoint: TOKEN_ENDPOINT,
      url,
      method,
      params: { grant_type: GRANT_TYPE.mfaOtp, mfa_token: mfaToken, otp },
      expectedStatuses: [200, 400, 401, 403],
    });
  const good = totp(user.otpSecret);
  // A six-digit code that is not the current one (nor, by construction, a neighbouring window's).
  const wrong = String((Number(good) + 500000) % 1000000).padStart(6, '0');
  const refused = await otpGrant(wrong);
  if (refused)
    await recordChecks(cell, errorChecks('wrong_otp', 'auth0'), refused, refused, 'mfa-otp with a wrong code');
  const satisfied = await otpGrant(good);
  if (!satisfied || !(await recordChecks(cell, tokenSuccessChecks, satisfied, satisfied, 'mfa-otp with the TOTP')))
    return;
  await checkUserTokens(ctx, cell, method, satisfied, user, undefined, 'mfa-otp with the TOTP');
}

async function challenge(ctx: FlowContext, method: ClientMethod, mfaToken: string): Promise<void> {
  const cell: CheckCell = { endpoint: CHALLENGE_ENDPOINT, credential: method };
  const url = ctx.tenant.endpoints.mfa_challenge_endpoint as string;
  const auth = await authenticate(ctx.config, method, { mfa_token: mfaToken, challenge_type: 'otp' });
  if (!auth) return;
  const answered = await sendRequest({
    ...cell,
    method: 'POST',
    url,
    json: auth.params,
    headers: auth.headers,
    expectedStatuses: [200],
  });
  if (notOffered(cell, answered)) return;
  await recordChecks(cell, endpointResponseChecks.mfaChallenge, answered, answered, 'MFA challenge for an OTP');
}
