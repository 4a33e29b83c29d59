import { errorChecks } from '../../checks/errors/error-cases.ts';
import { endpointResponseChecks } from '../../checks/sets/endpoint-responses.ts';
import type { ClientMethod } from '../k6-and-node/credential-methods.ts';
import { notOffered, recordChecks, recordSkip } from '../record-checks.ts';
import type { CheckCell } from '../k6-and-node/result-protocol.ts';
import { endpointUnknown } from './discovery.ts';
import type { FlowContext } from './flow-context.ts';
import { postAsClient } from './token-request.ts';

const REVOKE_ENDPOINT = 'POST /oauth/revoke';

/** /oauth/revoke: an unknown token is accepted with 200; a confidential client with a wrong secret is refused. */
export async function revocation(ctx: FlowContext, method: ClientMethod): Promise<void> {
  const cell: CheckCell = { endpoint: REVOKE_ENDPOINT, credential: method };
  const url = ctx.tenant.endpoints.revocation_endpoint;
  if (!ctx.config.clients[method])
    return recordSkip(cell, `no ${method} client in the harness configuration (clients.${method})`);
  if (!url) return recordSkip(cell, endpointUnknown(ctx.tenant, 'revocation_endpoint'));

  const params = { token: 'never-issued-harness-refresh-token', token_type_hint: 'refresh_token' };
  const unknown = await postAsClient(ctx, { endpoint: REVOKE_ENDPOINT, url, method, params, expectedStatuses: [200] });
  if (!unknown || notOffered(cell, unknown)) return;
  await recordChecks(
    cell,
    endpointResponseChecks.revokeUnknownToken,
    unknown,
    unknown,
    'revoking a token never issued',
  );

  if (method === 'client_secret_post' || method === 'client_secret_basic') {
    const refused = await postAsClient(ctx, {
      endpoint: REVOKE_ENDPOINT,
      url,
      method,
      params,
      flaw: 'wrong_secret',
      expectedStatuses: [400, 401],
    });
    if (refused)
      await recordChecks(
        cell,
        errorChecks('wrong_secret', ctx.profile),
        refused,
        refused,
        'revoking with a wrong secret',
      );
  }
}
