import { errorChecks } from '../../checks/errors/error-cases.ts';
import { endpointResponseChecks } from '../../checks/sets/endpoint-responses.ts';
import { tokenSuccessChecks } from '../../checks/sets/token-response.ts';
import { authenticate } from '../k6-and-node/credential-methods.ts';
import { notOffered, recordChecks, recordSkip } from '../record-checks.ts';
import type { CheckCell } from '../k6-and-node/result-protocol.ts';
import { sendRequest } from '../send-request.ts';
import type { FlowContext } from './flow-context.ts';
import { outboxCode } from './outbox-code.ts';
import { postAsClient, TOKEN_ENDPOINT } from './token-request.ts';
import { GRANT_TYPE } from '../k6-and-node/grant-types.ts';

const START_ENDPOINT = 'POST /passwordless/start';

/**
 * /passwordless/start with an email code: accepted; without a connection: bad.connection; with a
 * phone number that is not E.164: bad.phone_number (docs/auth0-api.md §3.7, §8.16).
 */
export async function passwordlessStart(
  ctx: FlowContext,
  method: 'none' | 'client_secret_post' | 'private_key_jwt',
): Promise<void> {
  const cell: CheckCell = { endpoint: START_ENDPOINT, credential: method };
  const url = `${ctx.config.baseUrl}/passwordless/start`;
  const start = async (body: Record<string, string>, expectedStatuses: number[]) => {
    const auth = await authenticate(ctx.config, method, body);
    return (
      auth && sendRequest({ ...cell, method: 'POST', url, json: auth.params, headers: auth.headers, expectedStatuses })
    );
  };
  const { passwordlessEmail, passwordlessSms } = ctx.config.connections;
  // One address per method: each login spends its own code.
  const email = `harness-passwordless-${method.replace(/_/g, '-')}@example.com`;
  const started = await start({ connection: passwordlessEmail, email, send: 'code' }, [200]);
  if (!started) return recordSkip(cell, `no ${method} client in the harness configuration (clients.${method})`);
  if (notOffered(cell, started)) return;
  await recordChecks(
    cell,
    endpointResponseChecks.passwordlessStart,
    started,
    started,
    'passwordless start by email code',
  );

  await passwordlessLogin(ctx, method, email);

  const noConnection = await start({ email: 'harness-passwordless@example.com', send: 'code' }, [400]);
  if (noConnection)
    await recordChecks(
      cell,
      errorChecks('passwordless_missing_connection', 'auth0'),
      noConnection,
      noConnection,
      'passwordless start without connection',
    );
  const badPhone = await start({ connection: passwordlessSms, phone_number: '0123 not e164' }, [400]);
  if (badPhone)
    await recordChecks(
      cell,
      errorChecks('passwordless_bad_phone', 'auth0'),
      badPhone,
      badPhone,
      'passwordless start with a malformed phone number',
    );
}

/**
 * The emailed code, read from the local tenant's outbox (a real tenant's mail cannot be read, so this
 * part runs on the local tenant only), logs in by the passwordless OTP grant; a wrong code first is
 * refused (docs/auth0-api.md §1.3, §3.2).
 */
async function passwordlessLogin(
  ctx: FlowContext,
  method: 'none' | 'client_secret_post' | 'private_key_jwt',
  email: string,
): Promise<void> {
  const code = await outboxCode(ctx, email);
  if (!code) return;
  const cell: CheckCell = { endpoint: TOKEN_ENDPOINT, credential: method };
  const url = ctx.tenant.endpoints.token_endpoint as string;
  const grant = (otp: string) =>
    postAsClient(ctx, {
      endpoint: TOKEN_ENDPOINT,
      url,
      method,
      params: {
        grant_type: GRANT_TYPE.passwordlessOtp,
        username: email,
        otp,
        realm: ctx.config.connections.passwordlessEmail,
        scope: 'openid',
      },
      expectedStatuses: [200, 400, 401, 403],
    });
  const wrong = await grant(code === '000000' ? '111111' : '000000');
  if (wrong)
    await recordChecks(
      cell,
      errorChecks('wrong_passwordless_code', 'auth0'),
      wrong,
      wrong,
      'passwordless OTP with a wrong code',
    );
  const login = await grant(code);
  if (login) await recordChecks(cell, tokenSuccessChecks, login, login, 'passwordless OTP with the emailed code');
}
