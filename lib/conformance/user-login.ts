import { errorChecks } from '../../checks/errors/error-cases.ts';
import { jsonBody, type Exchange } from '../../checks/exchange.ts';
import { endpointResponseChecks } from '../../checks/sets/endpoint-responses.ts';
import { tokenCheckSets } from '../../checks/sets/token-checks.ts';
import { tokenSuccessChecks } from '../../checks/sets/token-response.ts';
import { tokenUnderTest } from '../../checks/token/token-under-test.ts';
import type { TokenResponse } from '../../checks/schemas/token-response.ts';
import { isMutualTls, type ClientMethod } from '../k6-and-node/credential-methods.ts';
import type { TestUser } from '../k6-and-node/harness-config.ts';
import { recordChecks } from '../record-checks.ts';
import type { CheckCell } from '../k6-and-node/result-protocol.ts';
import type { ConformanceContext, FlowContext } from './flow-context.ts';
import { refreshRefused, refreshTokens } from './refresh-token.ts';
import { checkAccessToken, tenantToken } from './token-checks-for.ts';
import { postAsClient, TOKEN_ENDPOINT } from './token-request.ts';
import { GRANT_TYPE } from '../k6-and-node/grant-types.ts';

const REVOKE_ENDPOINT = 'POST /oauth/revoke';

export function passwordRealm(ctx: FlowContext, user: TestUser, password = user.password): Record<string, string> {
  return {
    grant_type: GRANT_TYPE.passwordRealm,
    username: user.username,
    password,
    realm: ctx.config.connections.database,
    audience: ctx.config.audience,
    scope: 'openid profile email offline_access',
  };
}

/** The token response's ID token and access token, checked as a user login's tokens. */
export async function checkUserTokens(
  ctx: FlowContext,
  cell: CheckCell,
  method: ClientMethod,
  success: Exchange,
  user: TestUser,
  gty: string | undefined,
  flow: string,
): Promise<void> {
  const clientId = ctx.config.clients[method]?.clientId as string;
  const subject = user.userId;
  const body = jsonBody(success.response) as TokenResponse;
  const userChecks = subject
    ? tokenCheckSets.userAccessToken
    : tokenCheckSets.userAccessToken.filter((c) => !c.id.endsWith('.sub.is_logged_in_user'));
  await checkAccessToken(
    ctx,
    cell,
    success,
    { clientId, audience: ctx.config.audience, grantType: gty, subject, scopes: ['openid'] },
    [...userChecks, ...(gty ? tokenCheckSets.gty : [])],
    flow,
  );
  if (!body.id_token) return;
  const idToken = tenantToken(ctx, 'id_token', body.id_token, {
    issuer: ctx.config.issuer,
    discoveryIssuer: ctx.tenant.issuer,
    clientId,
    subject,
  });
  const idChecks = subject
    ? tokenCheckSets.idToken
    : tokenCheckSets.idToken.filter((c) => c.id !== 'id_token.sub.is_logged_in_user');
  await recordChecks(cell, idChecks, idToken, success, flow);
}

/**
 * Auth0's resource-owner password login (password-realm) as a client of `method`, and what the
 * tokens it yields open: a refresh, revocation of the refresh token, and the refresh that must then
 * fail. A wrong password is refused first (docs/auth0-api.md §8.5, §8.8, §8.9); /userinfo with the
 * user's token is the userinfo flow's.
 */
export async function passwordRealmLogin(ctx: ConformanceContext, method: ClientMethod): Promise<void> {
  const cell: CheckCell = { endpoint: TOKEN_ENDPOINT, credential: method };
  const user = ctx.config.users.plain;
  if (!user || !ctx.config.clients[method]) return;
  const url = ctx.tenant.endpoints.token_endpoint as string;

  const refused = await postAsClient(ctx, {
    endpoint: TOKEN_ENDPOINT,
    url,
    method,
    params: passwordRealm(ctx, user, `${user.password}-wrong`),
    expectedStatuses: [403],
  });
  if (refused)
    await recordChecks(
      cell,
      errorChecks('wrong_password', ctx.profile),
      refused,
      refused,
      'password-realm with a wrong password',
    );

  const login = await postAsClient(ctx, {
    endpoint: TOKEN_ENDPOINT,
    url,
    method,
    params: passwordRealm(ctx, user),
    expectedStatuses: [200],
  });
  if (!login || !(await recordChecks(cell, tokenSuccessChecks, login, login, 'password-realm login'))) return;
  await checkUserTokens(ctx, cell, method, login, user, 'password', 'password-realm login');
  const tokens = jsonBody(login.response) as TokenResponse;
  // The user id CIBA's login_hint names, when the configuration does not give it.
  ctx.learned.userId ??=
    user.userId ??
    (tokens.id_token
      ? (tokenUnderTest('id_token', tokens.id_token, { issuer: '', clientId: '' }).payload?.sub as string | undefined)
      : undefined);

  if (!tokens.refresh_token) return;

  const refreshed = await refreshTokens(ctx, method, tokens.refresh_token);
  if (!refreshed) return;
  await checkUserTokens(ctx, cell, method, refreshed.exchange, user, 'refresh_token', 'refresh_token');
  if (refreshed.tokens.refresh_token) {
    await refreshRefused(
      ctx,
      method,
      tokens.refresh_token,
      'reused_refresh_token',
      'refresh_token reusing a rotated token',
    );
  } else if (!isMutualTls(method)) await revokeThenRefresh(ctx, method, tokens.refresh_token);
}

/** /oauth/revoke of a live refresh token, then the refresh that must fail (docs/auth0-api.md §8.9). */
async function revokeThenRefresh(ctx: FlowContext, method: ClientMethod, refreshToken: string): Promise<void> {
  const cell: CheckCell = { endpoint: REVOKE_ENDPOINT, credential: method };
  const revokeUrl = ctx.tenant.endpoints.revocation_endpoint;
  if (!revokeUrl) return;
  const revoked = await postAsClient(ctx, {
    endpoint: REVOKE_ENDPOINT,
    url: revokeUrl,
    method,
    params: { token: refreshToken },
    expectedStatuses: [200],
  });
  if (!revoked || revoked.response.status === 404) return;
  await recordChecks(cell, endpointResponseChecks.revoke, revoked, revoked, 'revoking a live refresh token');
  await refreshRefused(ctx, method, refreshToken, 'unknown_refresh_token', 'refresh_token after revocation');
}
