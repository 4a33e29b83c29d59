import { param } from '../http/request-bodies.ts';
import { sendOAuthError } from '../oauth-error.ts';
import { issueUserTokens } from '../tokens/user-tokens.ts';
import { sendTokens, type GrantContext } from './grant-context.ts';

// CIBA polling (docs/auth0-api.md §3.5): Auth0's statuses are undocumented and SDK mocks use 400, which is also
// what OpenID CIBA §11 / RFC 6749 §5.2 prescribe, so every polling error here is a 400. slow_down
// carries Retry-After and the interval, as the CIBA flow page describes.
export async function cibaGrant({ tenant, reply, params, client, certificateThumbprint }: GrantContext) {
  const authReqId = param(params, 'auth_req_id');
  if (!authReqId) return sendOAuthError(reply, 400, 'invalid_request', 'Missing required parameter: auth_req_id');
  const request = tenant.cibaRequests.get(authReqId);
  if (!request || request.clientId !== client.clientId || request.status === 'consumed')
    return sendOAuthError(reply, 400, 'invalid_grant', 'Invalid or expired auth_req_id');
  const now = Date.now();
  if (request.status === 'denied' || request.expiresAt <= now)
    return sendOAuthError(
      reply,
      400,
      'access_denied',
      'The end-user denied the authorization request or it has been expired',
    );
  const interval = tenant.fixture.ciba.intervalSeconds;
  const tooFast = request.lastPolledAt !== undefined && now - request.lastPolledAt < interval * 1000;
  request.lastPolledAt = now;
  if (request.status === 'pending' && tooFast) {
    reply.header('retry-after', String(Math.max(1, interval)));
    return sendOAuthError(
      reply,
      400,
      'slow_down',
      `You are polling faster than allowed. Try again in ${interval} seconds.`,
      { interval },
    );
  }
  if (request.status === 'pending')
    return sendOAuthError(reply, 400, 'authorization_pending', 'The end-user authorization is pending');
  request.status = 'consumed';
  const grant = {
    clientId: client.clientId,
    userId: request.userId,
    scope: request.scope,
    audience: request.audience,
    authTime: Math.floor(now / 1000),
    certificateThumbprint,
  };
  return sendTokens(reply, issueUserTokens(tenant, grant, { mayIssueRefreshToken: true }));
}
