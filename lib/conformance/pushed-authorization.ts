import { endpointResponseChecks } from '../../checks/sets/endpoint-responses.ts';
import type { ClientMethod } from '../k6-and-node/credential-methods.ts';
import { createPkce } from '../pkce.ts';
import { notOffered, recordChecks, recordSkip } from '../record-checks.ts';
import type { CheckCell } from '../k6-and-node/result-protocol.ts';
import { endpointUnknown } from './discovery.ts';
import type { FlowContext } from './flow-context.ts';
import { postAsClient } from './token-request.ts';

const PAR_ENDPOINT = 'POST /oauth/par';

/** /oauth/par as a confidential client: the request is stored and a request_uri comes back. */
export async function pushedAuthorization(ctx: FlowContext, method: Exclude<ClientMethod, 'none'>): Promise<void> {
  const cell: CheckCell = { endpoint: PAR_ENDPOINT, credential: method };
  const url = ctx.tenant.endpoints.pushed_authorization_request_endpoint;
  const client = ctx.config.clients[method];
  if (!client) return recordSkip(cell, `no ${method} client in the harness configuration (clients.${method})`);
  if (!url) return recordSkip(cell, endpointUnknown(ctx.tenant, 'pushed_authorization_request_endpoint'));
  const redirectUri = 'redirectUri' in client ? client.redirectUri : undefined;
  if (!redirectUri)
    return recordSkip(cell, `clients.${method}.redirectUri is not configured; PAR needs an Allowed Callback URL`);
  const pkce = await createPkce();
  // client_id is an authorization request parameter (RFC 9126 §2.1), sent even with HTTP Basic.
  const params = {
    client_id: client.clientId,
    response_type: 'code',
    redirect_uri: redirectUri,
    scope: 'openid',
    state: 'harness-par-state',
    code_challenge: pkce.challenge,
    code_challenge_method: pkce.method,
  };
  const pushed = await postAsClient(ctx, { endpoint: PAR_ENDPOINT, url, method, params, expectedStatuses: [201] });
  if (pushed && !notOffered(cell, pushed))
    await recordChecks(cell, endpointResponseChecks.par, pushed, pushed, 'pushed authorization request');
}
