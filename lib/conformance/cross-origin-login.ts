import { crossOriginLoginChecks, crossOriginLoginErrorChecks } from '../../checks/endpoints/cross-origin-login.ts';
import { recordSkip } from '../record-checks.ts';
import type { CheckCell } from '../k6-and-node/result-protocol.ts';
import { checkedRequest } from './checked-request.ts';
import type { FlowContext } from './flow-context.ts';
import { GRANT_TYPE } from '../k6-and-node/grant-types.ts';

const CELL: CheckCell = { endpoint: 'POST /co/authenticate', credential: 'none' };

/**
 * Embedded login across origins (docs/auth0-api.md §1.2, §3.8): the plain user's credentials from
 * one of the public application's Allowed Origins get a login ticket; an unknown credential_type is
 * refused. The Origin is the one of the application's callback URL, which its origins list holds.
 */
export async function crossOriginLogin(ctx: FlowContext): Promise<void> {
  const user = ctx.config.users.plain;
  const client = ctx.config.clients.none;
  const origin = client?.redirectUri ? new URL(client.redirectUri).origin : undefined;
  if (!user || !client || !origin)
    return recordSkip(CELL, 'cross-origin login needs users.plain and clients.none with a redirectUri');
  const body = {
    client_id: client.clientId,
    credential_type: GRANT_TYPE.passwordRealm,
    username: user.username,
    password: user.password,
    realm: ctx.config.connections.database,
  };
  const url = `${ctx.config.baseUrl}/co/authenticate`;
  const headers = { Origin: origin };
  const ticket = await checkedRequest(
    CELL,
    { method: 'POST', url, json: body, headers, expectedStatuses: [200] },
    crossOriginLoginChecks,
    'cross-origin login',
  );
  if (!ticket) return;
  await checkedRequest(
    CELL,
    {
      method: 'POST',
      url,
      json: { ...body, credential_type: 'urn:auth0-harness:unknown-credential-type' },
      headers,
      expectedStatuses: [400],
    },
    crossOriginLoginErrorChecks,
    'cross-origin login with an unknown credential_type',
  );
}
