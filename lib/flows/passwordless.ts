import { errorChecks } from '../../checks/errors/error-cases.ts';
import { endpointResponseChecks } from '../../checks/sets/endpoint-responses.ts';
import { authenticate } from '../credential-methods.ts';
import { notOffered, recordChecks, recordSkip } from '../record-checks.ts';
import type { CheckCell } from '../result-protocol.ts';
import { sendRequest } from '../send-request.ts';
import type { FlowContext } from './flow-context.ts';

const START_ENDPOINT = 'POST /passwordless/start';

/**
 * /passwordless/start with an email code: accepted; without a connection: bad.connection; with a
 * phone number that is not E.164: bad.phone_number (spec §3.7, §8 item 16).
 */
export async function passwordlessStart(ctx: FlowContext, method: 'none' | 'client_secret_post' | 'private_key_jwt'): Promise<void> {
  const cell: CheckCell = { endpoint: START_ENDPOINT, credential: method };
  const url = `${ctx.config.baseUrl}/passwordless/start`;
  const start = async (body: Record<string, string>, expectedStatuses: number[]) => {
    const auth = await authenticate(ctx.config, method, body);
    return auth && sendRequest({ ...cell, method: 'POST', url, json: auth.params, headers: auth.headers, expectedStatuses });
  };
  const { passwordlessEmail, passwordlessSms } = ctx.config.connections;
  const started = await start({ connection: passwordlessEmail, email: 'harness-passwordless@example.com', send: 'code' }, [200]);
  if (!started) return recordSkip(cell, `no ${method} client in the harness configuration (clients.${method})`);
  if (notOffered(cell, started)) return;
  await recordChecks(cell, endpointResponseChecks.passwordlessStart, started, started, 'passwordless start by email code');

  const noConnection = await start({ email: 'harness-passwordless@example.com', send: 'code' }, [400]);
  if (noConnection) await recordChecks(cell, errorChecks('passwordless_missing_connection', 'auth0'), noConnection, noConnection, 'passwordless start without connection');
  const badPhone = await start({ connection: passwordlessSms, phone_number: '0123 not e164' }, [400]);
  if (badPhone) await recordChecks(cell, errorChecks('passwordless_bad_phone', 'auth0'), badPhone, badPhone, 'passwordless start with a malformed phone number');
}
