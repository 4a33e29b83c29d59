import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { authenticateClient } from '../client-auth/authenticate-client.ts';
import { bodyParams, param } from '../http/request-bodies.ts';
import { sendOAuthError } from '../oauth-error.ts';

// PAR request_uri lifetime: the flow page's fixed 30 s, not the OAS example's 90 (docs/auth0-api.md §7.7).
const PAR_TTL_SECONDS = 30;
const CLIENT_AUTH_PARAMS = new Set(['client_secret', 'client_assertion', 'client_assertion_type']);

/**
 * POST /oauth/par (docs/auth0-api.md §1.2): form only, confidential clients only, 201 with a
 * single-use request_uri.
 */
export function pushedAuthorizationRoutes(app: FastifyInstance): void {
  const tenant = app.tenant;
  app.post('/oauth/par', { config: { rateLimit: { id: 'par', key: 'ip' } } }, async (request, reply) => {
    if (!String(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
      return sendOAuthError(reply, 400, 'invalid_request', 'Content-Type must be application/x-www-form-urlencoded');
    }
    const params = bodyParams(request.body);
    const auth = await authenticateClient(tenant, request, params, {
      secretFailure: 'invalid_client',
      allowPublic: false,
    });
    if (!auth.ok) return sendOAuthError(reply, auth.status, auth.error, auth.description);
    if (!param(params, 'response_type'))
      return sendOAuthError(reply, 400, 'invalid_request', 'Missing required parameter: response_type');
    const redirectUri = param(params, 'redirect_uri');
    if (!redirectUri) return sendOAuthError(reply, 400, 'invalid_request', 'Missing required parameter: redirect_uri');
    if (!auth.client.callbacks.includes(redirectUri))
      return sendOAuthError(
        reply,
        400,
        'invalid_request',
        'The redirect_uri is not in the list of allowed callback URLs.',
      );
    if (params.request_uri !== undefined)
      return sendOAuthError(reply, 400, 'invalid_request', 'request_uri must not be sent to the PAR endpoint');
    const stored: Record<string, string> = { client_id: auth.client.clientId };
    for (const [k, v] of Object.entries(params)) if (typeof v === 'string' && !CLIENT_AUTH_PARAMS.has(k)) stored[k] = v;
    stored.client_id = auth.client.clientId;
    const requestUri = `urn:ietf:params:oauth:request_uri:${randomBytes(24).toString('base64url')}`;
    tenant.pushedRequests.set(requestUri, stored, PAR_TTL_SECONDS * 1000);
    return reply
      .code(201)
      .header('cache-control', 'no-store')
      .send({ request_uri: requestUri, expires_in: PAR_TTL_SECONDS });
  });
}
