import type { Check } from '../../checks/check.ts';
import { jsonBody, type Exchange } from '../../checks/exchange.ts';
import { legacyRefusalChecks, legacySuccessChecks } from '../../checks/endpoints/legacy-endpoints.ts';
import { recordSkip } from '../record-checks.ts';
import type { CheckCell } from '../k6-and-node/result-protocol.ts';
import { checkedRequest } from './checked-request.ts';
import type { ConformanceContext, FlowContext } from './flow-context.ts';
import { plainUserTokens, subjectOf } from './plain-user-tokens.ts';
import { GRANT_TYPE } from '../k6-and-node/grant-types.ts';

// The legacy endpoints (docs/auth0-api.md §1.2, §3.9): refused to the OIDC-conformant applications
// of the configuration, and served, where the tenant still offers them, to clients.legacy.

const RO: CheckCell = { endpoint: 'POST /oauth/ro', credential: 'none' };
const ACCESS_TOKEN: CheckCell = { endpoint: 'POST /oauth/access_token', credential: 'none' };
const DELEGATION: CheckCell = { endpoint: 'POST /delegation', credential: 'none' };
const TOKENINFO: CheckCell = { endpoint: 'POST /tokeninfo', credential: 'none' };
const UNLINK: CheckCell = { endpoint: 'POST /login/unlink', credential: 'bearer' };
const IMPERSONATE: CheckCell = { endpoint: 'POST /users/{user_id}/impersonate', credential: 'bearer' };

function post(
  ctx: FlowContext,
  cell: CheckCell,
  path: string,
  json: Record<string, string>,
  checks: readonly Check<Exchange>[],
  flow: string,
  headers: Record<string, string> = {},
) {
  const expected = checks.some((c) => c.id.endsWith('.status.is_200')) ? [200] : [400];
  return checkedRequest(
    cell,
    { method: 'POST', url: `${ctx.config.baseUrl}${path}`, json, headers, expectedStatuses: expected },
    checks,
    flow,
  );
}

/**
 * /oauth/ro, /oauth/access_token, /delegation and /tokeninfo: each refuses the public OIDC-conformant
 * application (and an ID token issued to a conformant one); the legacy application's resource-owner
 * login gives the ID token that delegation and token info are then asked about.
 */
export async function legacyTokenEndpoints(ctx: FlowContext): Promise<void> {
  const user = ctx.config.users.plain;
  const conformant = ctx.config.clients.none;
  if (!user || !conformant) {
    const why = 'the legacy endpoints need users.plain and an OIDC-conformant public client (clients.none)';
    for (const cell of [RO, ACCESS_TOKEN, DELEGATION, TOKENINFO]) recordSkip(cell, why);
    return;
  }
  const credentials = { username: user.username, password: user.password, connection: ctx.config.connections.database };
  const ro = (clientId: string) => ({ client_id: clientId, grant_type: 'password', scope: 'openid', ...credentials });
  await post(
    ctx,
    RO,
    '/oauth/ro',
    ro(conformant.clientId),
    legacyRefusalChecks.oauthRo,
    'legacy login, conformant app',
  );
  await post(
    ctx,
    ACCESS_TOKEN,
    '/oauth/access_token',
    { client_id: conformant.clientId, access_token: 'harness-provider-access-token', connection: 'google-oauth2' },
    legacyRefusalChecks.oauthAccessToken,
    'legacy social token exchange, conformant app',
  );
  const tokens = await plainUserTokens(ctx);
  const conformantIdToken = typeof tokens === 'string' ? undefined : tokens.id_token;
  await post(
    ctx,
    DELEGATION,
    '/delegation',
    {
      client_id: conformant.clientId,
      grant_type: GRANT_TYPE.jwtBearer,
      id_token: conformantIdToken ?? 'harness-id-token',
    },
    legacyRefusalChecks.delegation,
    'delegation, conformant app',
  );
  if (conformantIdToken)
    await post(
      ctx,
      TOKENINFO,
      '/tokeninfo',
      { id_token: conformantIdToken },
      legacyRefusalChecks.tokeninfo,
      'token info of a conformant app ID token',
    );

  const legacy = ctx.config.clients.legacy;
  if (!legacy) return;
  const login = await post(ctx, RO, '/oauth/ro', ro(legacy.clientId), legacySuccessChecks.oauthRo, 'legacy login');
  const idToken = login?.passed ? (jsonBody(login.exchange.response) as { id_token: string }).id_token : undefined;
  if (!idToken) return;
  await post(
    ctx,
    DELEGATION,
    '/delegation',
    { client_id: legacy.clientId, grant_type: GRANT_TYPE.jwtBearer, id_token: idToken, scope: 'openid' },
    legacySuccessChecks.delegation,
    'delegation of a legacy ID token',
  );
  await post(ctx, TOKENINFO, '/tokeninfo', { id_token: idToken }, legacySuccessChecks.tokeninfo, 'token info');
}

/**
 * /login/unlink and /users/{user_id}/impersonate, with an access token of an OIDC-conformant
 * application: both refuse it (docs/auth0-api.md §1.2).
 */
export async function legacyAccountEndpoints(ctx: ConformanceContext): Promise<void> {
  const conformant = ctx.config.clients.none;
  const tokens = await plainUserTokens(ctx);
  if (typeof tokens === 'string' || !conformant) {
    const why = typeof tokens === 'string' ? tokens : 'no OIDC-conformant public client (clients.none)';
    for (const cell of [UNLINK, IMPERSONATE]) recordSkip(cell, why);
    return;
  }
  const bearer = { Authorization: `Bearer ${tokens.access_token}` };
  await post(
    ctx,
    UNLINK,
    '/login/unlink',
    { user_id: 'google-oauth2|harness-secondary-identity' },
    legacyRefusalChecks.unlink,
    'unlink with a conformant app token',
    bearer,
  );
  const userId = ctx.config.users.plain?.userId ?? ctx.learned.userId ?? subjectOf(tokens.access_token) ?? '';
  await post(
    ctx,
    IMPERSONATE,
    `/users/${encodeURIComponent(userId)}/impersonate`,
    { protocol: 'oauth2', impersonator_id: userId, client_id: conformant.clientId },
    legacyRefusalChecks.impersonate,
    'impersonation into a conformant app',
    bearer,
  );
}
