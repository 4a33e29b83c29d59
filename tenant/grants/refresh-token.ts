import { param } from '../http/request-bodies.ts';
import { sendOAuthError } from '../oauth-error.ts';
import { issueUserTokens, splitScope } from '../tokens/user-tokens.ts';
import { sendTokens, type GrantContext } from './grant-context.ts';

const UNKNOWN = 'Unknown or invalid refresh token.';

/**
 * refresh_token (docs/auth0-api.md §1.3, §3.3). With rotation each use returns a new refresh token;
 * presenting a replaced one after the client's reuse leeway revokes the whole family
 * (docs/auth0-api.md §3.3, refresh token rotation), so the legitimate holder's newest token stops
 * working too.
 */
export async function refreshTokenGrant({ tenant, reply, params, client, certificateThumbprint }: GrantContext) {
  const token = param(params, 'refresh_token');
  if (!token) return sendOAuthError(reply, 400, 'invalid_request', 'Missing required parameter: refresh_token');
  const record = tenant.refreshTokens.get(token);
  if (!record || record.revoked || record.clientId !== client.clientId || record.expiresAt <= Date.now())
    return sendOAuthError(reply, 403, 'invalid_grant', UNKNOWN);
  if (!tenant.findUser(record.userId))
    return sendOAuthError(
      reply,
      403,
      'invalid_grant',
      "The refresh_token was generated for a user who doesn't exist anymore.",
    );
  if (record.rotatedAt !== undefined && Date.now() - record.rotatedAt > client.refreshTokenReuseLeewaySeconds * 1000) {
    for (const r of tenant.refreshTokens.values()) if (r.familyId === record.familyId) r.revoked = true;
    return sendOAuthError(reply, 403, 'invalid_grant', UNKNOWN);
  }
  // A narrower scope may be asked for; never a wider one.
  const asked = splitScope(params.scope);
  const scope = asked.length > 0 ? asked.filter((s) => record.scope.includes(s)) : record.scope;
  const rotate = client.refreshTokenRotation;
  if (rotate && record.rotatedAt === undefined) record.rotatedAt = Date.now();
  const response = issueUserTokens(
    tenant,
    {
      ...record,
      scope,
      certificateThumbprint: certificateThumbprint ?? record.certificateThumbprint,
      nonce: undefined,
    },
    { gty: 'refresh_token', mayIssueRefreshToken: rotate, refreshFamily: record.familyId },
  );
  return sendTokens(reply, response);
}
