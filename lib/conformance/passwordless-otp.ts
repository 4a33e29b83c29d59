import {
  otpChallengeChecks,
  otpChallengeErrorChecks,
  passwordlessVerifyChecks,
  passwordlessVerifyErrorChecks,
} from '../../checks/endpoints/passwordless-otp.ts';
import { jsonBody } from '../../checks/exchange.ts';
import { tokenSuccessChecks } from '../../checks/sets/token-response.ts';
import { authenticate } from '../k6-and-node/credential-methods.ts';
import { recordChecks, recordSkip } from '../record-checks.ts';
import type { CheckCell } from '../k6-and-node/result-protocol.ts';
import { checkedRequest } from './checked-request.ts';
import type { FlowContext } from './flow-context.ts';
import { outboxCode } from './outbox-code.ts';
import { postAsClient, TOKEN_ENDPOINT } from './token-request.ts';
import { GRANT_TYPE } from '../k6-and-node/grant-types.ts';

const OTP_CHALLENGE: CheckCell = { endpoint: 'POST /otp/challenge', credential: 'client_secret_post' };
const VERIFY: CheckCell = { endpoint: 'POST /passwordless/verify', credential: 'none' };
const NO_OUTBOX = 'the code is emailed: only the local tenant lets the harness read it (its outbox)';

/**
 * Passwordless OTP on the database connection (docs/auth0-api.md §1.2, §1.3, §3.7b): the challenge
 * for the plain user answers an auth_session, a challenge naming nobody is refused, and the emailed
 * code with the auth_session logs in by the passwordless-OTP grant.
 */
export async function otpChallenge(ctx: FlowContext): Promise<void> {
  const user = ctx.config.users.plain;
  const client = ctx.config.clients.client_secret_post;
  if (!user || !client)
    return recordSkip(OTP_CHALLENGE, 'the OTP challenge needs users.plain and a client_secret_post client');
  const url = `${ctx.config.baseUrl}/otp/challenge`;
  const challenge = async (params: Record<string, string>, checks: typeof otpChallengeChecks, flow: string) => {
    const auth = await authenticate(ctx.config, 'client_secret_post', {
      connection: ctx.config.connections.database,
      ...params,
    });
    return auth
      ? checkedRequest(
          OTP_CHALLENGE,
          { method: 'POST', url, json: auth.params, headers: auth.headers, expectedStatuses: [200, 400] },
          checks,
          flow,
        )
      : undefined;
  };
  const answered = await challenge({ email: user.username }, otpChallengeChecks, 'OTP challenge');
  if (!answered) return;
  await challenge({}, otpChallengeErrorChecks, 'OTP challenge without email or phone_number');
  const session = (jsonBody(answered.exchange.response) as { auth_session?: string } | undefined)?.auth_session;
  const code = session ? await outboxCode(ctx, user.username) : undefined;
  if (!session || !code) return;
  const login = await postAsClient(ctx, {
    endpoint: TOKEN_ENDPOINT,
    url: ctx.tenant.endpoints.token_endpoint as string,
    method: 'client_secret_post',
    params: { grant_type: GRANT_TYPE.passwordlessOtp, auth_session: session, otp: code, scope: 'openid' },
    expectedStatuses: [200],
  });
  if (login)
    await recordChecks(
      { endpoint: TOKEN_ENDPOINT, credential: 'client_secret_post' },
      tokenSuccessChecks,
      login,
      login,
      'passwordless OTP grant with an auth_session',
    );
}

/**
 * The legacy /passwordless/verify (docs/auth0-api.md §1.2): a code sent by /passwordless/start is
 * refused when wrong and accepted when right. The tenant emails the code, so this runs where the
 * outbox can be read.
 */
export async function passwordlessVerify(ctx: FlowContext): Promise<void> {
  const client = ctx.config.clients.none;
  if (!client) return recordSkip(VERIFY, 'passwordless verification needs a public client (clients.none)');
  if (!ctx.config.localTenant) return recordSkip(VERIFY, NO_OUTBOX);
  const email = `verify-${crypto.randomUUID().slice(0, 8)}@harness.invalid`;
  const connection = ctx.config.connections.passwordlessEmail;
  await checkedRequest(
    { endpoint: 'POST /passwordless/start', credential: 'none' },
    {
      method: 'POST',
      url: `${ctx.config.baseUrl}/passwordless/start`,
      json: { client_id: client.clientId, connection, email, send: 'code' },
      expectedStatuses: [200],
    },
    [],
    'passwordless start for verification',
  );
  const code = await outboxCode(ctx, email);
  if (!code) return recordSkip(VERIFY, 'passwordless start sent no code to verify');
  const verify = (password: string, checks: typeof passwordlessVerifyChecks, flow: string) =>
    checkedRequest(
      VERIFY,
      {
        method: 'POST',
        url: `${ctx.config.baseUrl}/passwordless/verify`,
        json: {
          client_id: client.clientId,
          connection,
          grant_type: 'password',
          username: email,
          password,
          scope: 'openid',
        },
        expectedStatuses: [200, 400, 401, 403],
      },
      checks,
      flow,
    );
  const wrong = code === '000000' ? '000001' : '000000';
  if (!(await verify(wrong, passwordlessVerifyErrorChecks, 'passwordless verify with a wrong code'))) return;
  await verify(code, passwordlessVerifyChecks, 'passwordless verify with the emailed code');
}
