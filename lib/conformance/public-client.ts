import { errorChecks, type ErrorCaseName } from '../../checks/errors/error-cases.ts';
import { recordChecks, recordNotRun, recordSkip } from '../record-checks.ts';
import type { CheckCell } from '../k6-and-node/result-protocol.ts';
import { endpointUnknown, grantNotAdvertised } from './discovery.ts';
import type { FlowContext } from './flow-context.ts';
import { postAsClient, TOKEN_ENDPOINT } from './token-request.ts';

/**
 * POST /oauth/token as a public client (client_id only): a code that was never issued and a refresh
 * token that was never issued are both refused as invalid_grant (docs/auth0-api.md §3.3, §8.7–8.8).
 */
export async function tokenEndpointAsPublicClient(ctx: FlowContext): Promise<void> {
  const cell: CheckCell = { endpoint: TOKEN_ENDPOINT, credential: 'none' };
  const client = ctx.config.clients.none;
  if (!client) return recordSkip(cell, 'no public client in the harness configuration (clients.none)');
  const url = ctx.tenant.endpoints.token_endpoint;
  if (!url) return recordSkip(cell, endpointUnknown(ctx.tenant, 'token_endpoint'));

  // A grant the provider does not offer is refused as unsupported_grant_type, not invalid_grant.
  const refusedAsInvalidGrant = async (
    grant: string,
    params: Record<string, string>,
    errorCase: ErrorCaseName,
    flow: string,
  ) => {
    const checks = errorChecks(errorCase, ctx.profile);
    const notAdvertised = grantNotAdvertised(ctx.tenant, grant);
    if (notAdvertised) return recordNotRun(cell, checks, notAdvertised, flow);
    const refused = await postAsClient(ctx, {
      endpoint: TOKEN_ENDPOINT,
      url,
      method: 'none',
      params: { grant_type: grant, ...params },
      expectedStatuses: [400, 403],
    });
    if (refused) await recordChecks(cell, checks, refused, refused, flow);
  };

  await refusedAsInvalidGrant(
    'authorization_code',
    {
      code: 'never-issued-harness-code',
      code_verifier: 'harness-code-verifier-harness-code-verifier-0123',
      redirect_uri: client.redirectUri ?? 'https://harness.invalid/callback',
    },
    'invalid_code',
    'authorization_code with a code never issued',
  );
  await refusedAsInvalidGrant(
    'refresh_token',
    { refresh_token: 'never-issued-harness-refresh-token' },
    'unknown_refresh_token',
    'refresh_token with a token never issued',
  );
}
