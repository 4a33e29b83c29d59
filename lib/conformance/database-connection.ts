import { errorChecks } from '../../checks/errors/error-cases.ts';
import { endpointResponseChecks } from '../../checks/sets/endpoint-responses.ts';
import { notOffered, recordChecks, recordSkip } from '../record-checks.ts';
import type { CheckCell } from '../k6-and-node/result-protocol.ts';
import { sendRequest } from '../send-request.ts';
import type { FlowContext } from './flow-context.ts';

const SIGNUP_ENDPOINT = 'POST /dbconnections/signup';
const CHANGE_PASSWORD_ENDPOINT = 'POST /dbconnections/change_password';

// A password that passes Auth0's strictest default policy, and one that passes none.
const STRONG_PASSWORD = 'Harness-Conformance-9f!Q';
const WEAK_PASSWORD = 'a';

/**
 * /dbconnections/signup: a new user is created, the same email again is refused as a duplicate, and
 * a weak password is refused with the password policy's rules; then change_password for that user.
 */
export async function databaseConnection(ctx: FlowContext): Promise<void> {
  const cell: CheckCell = { endpoint: SIGNUP_ENDPOINT, credential: 'none' };
  const client = ctx.config.clients.none;
  if (!client) {
    recordSkip(cell, 'no public client in the harness configuration (clients.none)');
    return recordSkip(
      { endpoint: CHANGE_PASSWORD_ENDPOINT, credential: 'none' },
      'no public client in the harness configuration (clients.none)',
    );
  }
  const connection = ctx.config.connections.database;
  const email = `harness+${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}@example.com`;
  const signup = (password: string, emailAddress = email) =>
    sendRequest({
      ...cell,
      method: 'POST',
      url: `${ctx.config.baseUrl}/dbconnections/signup`,
      json: { client_id: client.clientId, connection, email: emailAddress, password },
      expectedStatuses: [200, 400, 409],
    });

  const created = await signup(STRONG_PASSWORD);
  if (notOffered(cell, created))
    return recordSkip(
      { endpoint: CHANGE_PASSWORD_ENDPOINT, credential: 'none' },
      'the target does not offer signup, so there is no user to reset',
    );
  await recordChecks(cell, endpointResponseChecks.signup, created, created, 'signup of a new user');
  const duplicate = await signup(STRONG_PASSWORD);
  await recordChecks(
    cell,
    errorChecks('signup_duplicate', 'auth0'),
    duplicate,
    duplicate,
    'signup of the same email again',
  );
  const weak = await signup(WEAK_PASSWORD, `weak-${email}`);
  await recordChecks(
    cell,
    errorChecks('signup_weak_password', 'auth0'),
    weak,
    weak,
    'signup with a one-character password',
  );

  const resetCell: CheckCell = { endpoint: CHANGE_PASSWORD_ENDPOINT, credential: 'none' };
  const reset = await sendRequest({
    ...resetCell,
    method: 'POST',
    url: `${ctx.config.baseUrl}/dbconnections/change_password`,
    json: { client_id: client.clientId, connection, email },
    expectedStatuses: [200],
  });
  if (notOffered(resetCell, reset)) return;
  await recordChecks(
    resetCell,
    endpointResponseChecks.changePassword,
    reset,
    reset,
    'change_password for the new user',
  );
}
