import { param } from '../http/request-bodies.ts';
import { sendOAuthError } from '../oauth-error.ts';
import { issueUserTokens, splitScope } from '../tokens/user-tokens.ts';
import { sendTokens, type GrantContext } from './grant-context.ts';

const UNKNOWN = 'Unknown or invalid refresh token.';

/**
 * refresh_token (docs/auth0-api.md §1.3, §3.3). With rotation each exchange returns the family's
 * next refresh token; a token exchanged before is honoured again only as Auth0's reuse interval
 * allows (tenant/tokens/refresh-token-store.ts), otherwise the whole family is revoked, so the
 * legitimate holder's newest token stops working too (docs/auth0-api.md §3.3, refresh token rotation).
 */
export async function refreshTokenGrant({ tenant, reply, params, client, certificateThumbprint }: GrantContext) {
  const token = param(params, 'refresh_token');
  if (!token) return sendOAuthError(reply, 400, 'invalid_request', 'Missing required parameter: refresh_token');
  const found = tenant.refreshTokens.find(token);
  if (!found || found.grant.clientId !== client.clientId) return sendOAuthError(reply, 403, 'invalid_grant', UNKNOWN);
  const { grant, familyId } = found;
  if (!tenant.findUser(grant.userId))
    return sendOAuthError(
      reply,
      403,
      'invalid_grant',
      "The refresh_token was generated for a user who doesn't exist anymore.",
    );
  const rotate = client.refreshTokenRotation;
  if (
    rotate &&
    tenant.refreshTokens.exchange(token, client.refreshTokenReuseLeewaySeconds * 1000) === 'reuse-detected'
  ) {
    tenant.refreshTokens.revokeFamily(familyId);
    return sendOAuthError(reply, 403, 'invalid_grant', UNKNOWN);
  }
  // A narrower scope may be asked for; never a wider one.
  const asked = splitScope(params.scope);
  const scope = asked.length > 0 ? asked.filter((s) => grant.scope.includes(s)) : grant.scope;
  const response = issueUserTokens(
    tenant,
    {
      ...grant,
      scope,
      certificateThumbprint: certificateThumbprint ?? grant.certificateThumbprint,
      nonce: undefined,
    },
    { gty: 'refresh_token', mayIssueRefreshToken: rotate, refreshFamily: familyId },
  );
  return sendTokens(reply, response);
}
