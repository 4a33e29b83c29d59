import { param } from '../http/request-bodies.ts';
import { BLOCKED_AFTER_ATTEMPTS, authenticateDatabaseUser } from '../login/database-login.ts';
import { sendOAuthError } from '../oauth-error.ts';
import { grantedScopes, splitScope } from '../tokens/user-tokens.ts';
import { finishUserGrant } from './finish-user-grant.ts';
import type { GrantContext } from './grant-context.ts';

/**
 * `password` (the tenant's default directory) and `password-realm` (the connection named by realm)
 * (docs/auth0-api.md §1.3). The end-user IP is auth0-forwarded-for only for an authenticated client
 * trusted for it (docs/auth0-api.md §4.5); otherwise the caller's address, which is what
 * brute-force protection keys on.
 */
export async function passwordGrant(ctx: GrantContext, withRealm: boolean) {
  const { tenant, request, reply, params, client } = ctx;
  const username = param(params, 'username');
  const password = param(params, 'password');
  if (!username) return sendOAuthError(reply, 400, 'invalid_request', 'Missing required parameter: username');
  if (!password) return sendOAuthError(reply, 400, 'invalid_request', 'Missing required parameter: password');
  const connection = withRealm ? param(params, 'realm') : tenant.fixture.connections.database.name;
  if (!connection) return sendOAuthError(reply, 400, 'invalid_request', 'Missing required parameter: realm');
  if (connection !== tenant.fixture.connections.database.name)
    return sendOAuthError(reply, 400, 'invalid_request', `Unknown realm ${connection}.`);
  const audience = param(params, 'audience') ?? tenant.fixture.defaultAudience;
  if (audience && audience !== tenant.mfaAudience && !tenant.findApi(audience))
    return sendOAuthError(reply, 403, 'access_denied', `Service not found: ${audience}`);

  const forwarded = request.headers['auth0-forwarded-for'];
  const ip =
    ctx.authenticated && client.trustTokenEndpointIpHeader && typeof forwarded === 'string'
      ? forwarded.split(',')[0].trim()
      : request.ip;
  const login = authenticateDatabaseUser(tenant, request, reply, { connection, username, password, ip });
  if (!login.ok) {
    if (login.reason === 'answered') return reply;
    if (login.reason === 'too_many_attempts')
      return sendOAuthError(reply, 429, 'too_many_attempts', BLOCKED_AFTER_ATTEMPTS);
    // Admin-blocked user: 401 unauthorized "user is blocked" (docs/auth0-api.md §3.2;
    // token-endpoint status unconfirmed).
    if (login.reason === 'blocked_user') return sendOAuthError(reply, 401, 'unauthorized', 'user is blocked');
    return sendOAuthError(reply, 403, 'invalid_grant', 'Wrong email or password.');
  }
  const scope = grantedScopes(tenant, login.user, splitScope(params.scope), audience, true);
  return finishUserGrant(
    ctx,
    login.user,
    {
      clientId: client.clientId,
      userId: login.user.userId,
      scope,
      audience,
      authTime: Math.floor(Date.now() / 1000),
      certificateThumbprint: ctx.certificateThumbprint,
    },
    'password',
  );
}
