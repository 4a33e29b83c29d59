import type { FastifyInstance } from 'fastify';
import { authenticateClient } from '../client-auth/authenticate-client.ts';
import { bodyParams, param } from '../http/request-bodies.ts';
import { sendOAuthError } from '../oauth-error.ts';

/**
 * POST /oauth/revoke (docs/auth0-api.md §1.2, §3.9): 200 with an empty body, also for unknown or foreign tokens.
 * Revoking a refresh token revokes its rotation family, as "Refresh Token Revocation Deletes Grant"
 * does for the grant it belongs to.
 */
export function revokeRoutes(app: FastifyInstance): void {
  const tenant = app.tenant;
  app.post('/oauth/revoke', async (request, reply) => {
    const params = bodyParams(request.body);
    const token = param(params, 'token');
    const auth = await authenticateClient(tenant, request, params, {
      secretFailure: 'invalid_client',
      allowPublic: true,
    });
    if (!auth.ok) return sendOAuthError(reply, auth.status, auth.error, auth.description);
    if (!token) return sendOAuthError(reply, 400, 'invalid_request', 'Missing required parameter: token');
    const found = tenant.refreshTokens.find(token);
    if (found && found.grant.clientId === auth.client.clientId) tenant.refreshTokens.revokeFamily(found.familyId);
    return reply.code(200).header('cache-control', 'no-store').send();
  });
}
