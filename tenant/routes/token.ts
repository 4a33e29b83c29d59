import type { FastifyInstance } from 'fastify';
import { authenticateClient } from '../client-authentication.ts';
import { sendOAuthError } from '../oauth-error.ts';
import { signJwt } from '../sign-jwt.ts';
import type { TenantState } from '../tenant-state.ts';

export function tokenRoutes(app: FastifyInstance, tenant: TenantState): void {
  app.post('/oauth/token', async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (body.grant_type !== 'client_credentials') {
      return sendOAuthError(reply, 400, 'unsupported_grant_type', `Unsupported grant type: ${String(body.grant_type)}`);
    }
    const auth = authenticateClient(request, body, (id) => tenant.findClient(id));
    // Spec §3.3 / §7.4: real tenants answer a wrong or missing secret with 401 access_denied "Unauthorized".
    if (!auth.ok) return sendOAuthError(reply, 401, 'access_denied', 'Unauthorized');
    if (!auth.client.grantTypes.includes('client_credentials')) {
      return sendOAuthError(reply, 403, 'unauthorized_client', "Grant type 'client_credentials' not allowed for the client.");
    }
    const api = tenant.fixture.apis.find((a) => a.identifier === body.audience);
    if (!api) return sendOAuthError(reply, 403, 'access_denied', `Service not found: ${String(body.audience)}`);
    const iat = Math.floor(Date.now() / 1000);
    const accessToken = signJwt(
      {
        iss: tenant.issuer,
        sub: `${auth.client.clientId}@clients`,
        aud: api.identifier,
        iat,
        exp: iat + api.tokenLifetimeSeconds,
        scope: api.scopes.join(' '),
        gty: 'client-credentials',
        azp: auth.client.clientId,
      },
      tenant.keys[0],
    );
    return reply
      .header('cache-control', 'no-store')
      .header('pragma', 'no-cache')
      .send({ access_token: accessToken, scope: api.scopes.join(' '), expires_in: api.tokenLifetimeSeconds, token_type: 'Bearer' });
  });
}
