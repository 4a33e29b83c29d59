import { errorChecks } from '../../checks/errors/error-cases.ts';
import { recordChecks, recordSkip } from '../record-checks.ts';
import type { CheckCell } from '../result-protocol.ts';
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
  const url = ctx.tenant.endpoints.token_endpoint as string;

  const code = await postAsClient(ctx, {
    endpoint: TOKEN_ENDPOINT,
    url,
    method: 'none',
    params: {
      grant_type: 'authorization_code',
      code: 'never-issued-harness-code',
      code_verifier: 'harness-code-verifier-harness-code-verifier-0123',
      redirect_uri: client.redirectUri ?? 'https://harness.invalid/callback',
    },
    expectedStatuses: [400, 403],
  });
  if (code)
    await recordChecks(
      cell,
      errorChecks('invalid_code', ctx.profile),
      code,
      code,
      'authorization_code with a code never issued',
    );

  const refresh = await postAsClient(ctx, {
    endpoint: TOKEN_ENDPOINT,
    url,
    method: 'none',
    params: { grant_type: 'refresh_token', refresh_token: 'never-issued-harness-refresh-token' },
    expectedStatuses: [400, 403],
  });
  if (refresh)
    await recordChecks(
      cell,
      errorChecks('unknown_refresh_token', ctx.profile),
      refresh,
      refresh,
      'refresh_token with a token never issued',
    );
}
