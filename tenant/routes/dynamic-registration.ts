import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { bodyParams } from '../http/request-bodies.ts';
import { ApplicationFixture } from '../fixture.ts';
import { sendOAuthError } from '../oauth-error.ts';

/**
 * POST /oidc/register (docs/auth0-api.md §1.2). Status 201 Created, as RFC 7591 §3.2.1 says and tenants answer;
 * the OAS's 200 is the other side of the conflict (docs/auth0-api.md §7.8). Only authorization_code and
 * refresh_token are honoured as grant types.
 */
export function dynamicRegistrationRoutes(app: FastifyInstance): void {
  const tenant = app.tenant;
  app.post('/oidc/register', { config: { rateLimit: { id: 'oidc_register', key: 'any' } } }, async (request, reply) => {
    if (!tenant.fixture.features.dynamicClientRegistration)
      return sendOAuthError(
        reply,
        404,
        'endpoint_disabled',
        'Dynamic client registration is disabled for this tenant.',
      );
    const body = bodyParams(request.body);
    const uris = body.redirect_uris;
    if (!Array.isArray(uris) || uris.length === 0 || !uris.every((u) => typeof u === 'string' && URL.canParse(u))) {
      return sendOAuthError(reply, 400, 'invalid_redirect_uri', 'redirect_uris must be a non-empty array of URLs');
    }
    const method = body.token_endpoint_auth_method ?? 'client_secret_post';
    if (method !== 'none' && method !== 'client_secret_post')
      return sendOAuthError(
        reply,
        400,
        'invalid_client_metadata',
        'token_endpoint_auth_method must be none or client_secret_post',
      );
    const name = typeof body.client_name === 'string' && body.client_name ? body.client_name : 'My App';
    const grantTypes = (Array.isArray(body.grant_types) ? body.grant_types : ['authorization_code']).filter(
      (g): g is string => g === 'authorization_code' || g === 'refresh_token',
    );
    const clientId = `tpc_${randomBytes(16).toString('base64url')}`;
    const clientSecret = method === 'none' ? undefined : randomBytes(32).toString('base64url');
    tenant.fixture.applications.push(
      ApplicationFixture.parse({
        clientId,
        name,
        appType: method === 'none' ? 'spa' : 'regular_web',
        tokenEndpointAuthMethod: method,
        clientSecret,
        grantTypes,
        callbacks: uris,
      }),
    );
    return reply
      .code(201)
      .header('cache-control', 'no-store')
      .send({
        client_name: name,
        client_id: clientId,
        ...(clientSecret ? { client_secret: clientSecret } : {}),
        redirect_uris: uris,
        client_secret_expires_at: 0,
        grant_types: grantTypes,
        token_endpoint_auth_method: method,
      });
  });
}
