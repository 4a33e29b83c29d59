import { param } from '../http/request-bodies.ts';
import { sendOAuthError } from '../oauth-error.ts';
import { issueAccessToken } from '../tokens/access-token.ts';
import { splitScope } from '../tokens/user-tokens.ts';
import { sendTokens, type GrantContext } from './grant-context.ts';

export async function clientCredentialsGrant({ tenant, reply, params, client, certificateThumbprint }: GrantContext) {
  const audience = param(params, 'audience') ?? param(params, 'resource') ?? tenant.fixture.defaultAudience;
  if (!audience)
    return sendOAuthError(
      reply,
      403,
      'access_denied',
      'No audience parameter was provided, and no default audience has been configured',
    );
  const api = tenant.findApi(audience);
  // "Service not found" text is from community reports (docs/auth0-api.md §3.3, unconfirmed).
  if (!api) return sendOAuthError(reply, 403, 'access_denied', `Service not found: ${audience}`);
  const grant = client.clientGrants.find((g) => g.audience === audience);
  if (!grant) {
    return sendOAuthError(
      reply,
      403,
      'access_denied',
      `Client is not authorized to access "${audience}". You need to create a "client-grant" associated to this API. See: https://auth0.com/docs/api/v2#!/Client_Grants/post_client_grants`,
    );
  }
  const asked = splitScope(params.scope);
  const missing = asked.filter((s) => !grant.scopes.includes(s));
  if (missing.length > 0)
    return sendOAuthError(reply, 403, 'access_denied', `Client has not been granted scopes: ${missing.join(', ')}`);
  const scope = asked.length > 0 ? asked : grant.scopes;
  const { accessToken, expiresIn } = issueAccessToken(tenant, {
    clientId: client.clientId,
    sub: `${client.clientId}@clients`,
    api,
    scope,
    gty: 'client-credentials',
    permissions: api.rbac && api.addPermissionsInToken ? scope : undefined,
    withUserinfo: false,
    certificateThumbprint,
  });
  return sendTokens(reply, {
    access_token: accessToken,
    scope: scope.join(' '),
    expires_in: expiresIn,
    token_type: 'Bearer',
  });
}
