import { authorizationServerMetadataChecks } from '../../checks/endpoints/authorization-server-metadata.ts';
import { checkedRequest } from './checked-request.ts';
import type { FlowContext } from './flow-context.ts';

/** RFC 8414 metadata at /.well-known/oauth-authorization-server (docs/auth0-api.md §1.2). */
export async function authorizationServerMetadata(ctx: FlowContext): Promise<void> {
  await checkedRequest(
    { endpoint: 'GET /.well-known/oauth-authorization-server', credential: 'none' },
    {
      method: 'GET',
      url: `${ctx.config.baseUrl}/.well-known/oauth-authorization-server`,
      expectedStatuses: [200],
    },
    authorizationServerMetadataChecks,
    'authorization server metadata',
    { issuer: ctx.config.issuer },
  );
}
