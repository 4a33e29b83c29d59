import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { authenticateClient } from '../client-auth/authenticate-client.ts';
import { GRANT_TYPE } from '../../lib/k6-and-node/grant-types.ts';
import { bodyParams, param } from '../http/request-bodies.ts';
import { sendOAuthError } from '../oauth-error.ts';
import { grantedScopes, splitScope } from '../tokens/user-tokens.ts';

const BINDING_MESSAGE = /^[A-Za-z0-9 +\-_.,:#]{1,64}$/;
// requested_expiry: the API page's 1–300 s is used; the flow page's 259200 conflicts (docs/auth0-api.md §7.10).
const MAX_REQUESTED_EXPIRY = 300;

/**
 * POST /bc-authorize (CIBA, docs/auth0-api.md §1.2, §3.5). Approval comes through POST
 * /__tenant/ciba/{auth_req_id}.
 */
export function backchannelAuthorizeRoutes(app: FastifyInstance): void {
  const tenant = app.tenant;
  app.post('/bc-authorize', { config: { rateLimit: { id: 'bc_authorize', key: 'ip' } } }, async (request, reply) => {
    const params = bodyParams(request.body);
    const auth = await authenticateClient(tenant, request, params, {
      secretFailure: 'invalid_client',
      allowPublic: false,
    });
    if (!auth.ok) return sendOAuthError(reply, auth.status, auth.error, auth.description);
    if (!auth.client.grantTypes.includes(GRANT_TYPE.ciba))
      return sendOAuthError(
        reply,
        403,
        'unauthorized_client',
        `Grant type '${GRANT_TYPE.ciba}' not allowed for the client.`,
      );
    const scope = splitScope(params.scope);
    if (!scope.includes('openid')) return sendOAuthError(reply, 400, 'invalid_scope', 'openid scope must be requested');
    const hintText = param(params, 'login_hint');
    if (!hintText) return sendOAuthError(reply, 400, 'invalid_request', 'login_hint is required');
    let hint: { format?: unknown; iss?: unknown; sub?: unknown };
    try {
      hint = JSON.parse(hintText);
    } catch {
      return sendOAuthError(
        reply,
        400,
        'invalid_request',
        'login_hint parameter validation failed: must be a JSON object',
      );
    }
    if (hint.format !== 'iss_sub')
      return sendOAuthError(
        reply,
        400,
        'invalid_request',
        'login_hint parameter validation failed: "format" must be iss_sub',
      );
    if (hint.iss !== tenant.issuer)
      return sendOAuthError(
        reply,
        400,
        'invalid_request',
        'login_hint parameter validation failed: "iss" must be the tenant issuer',
      );
    if (typeof hint.sub !== 'string' || !/^[a-z0-9-]+\|.+$/.test(hint.sub))
      return sendOAuthError(
        reply,
        400,
        'invalid_request',
        'login_hint parameter validation failed: "sub" contains unsupported format',
      );
    const user = tenant.findUser(hint.sub);
    if (!user)
      return sendOAuthError(reply, 400, 'invalid_request', 'login_hint parameter validation failed: user not found');
    const bindingMessage = param(params, 'binding_message');
    if (!bindingMessage) return sendOAuthError(reply, 400, 'invalid_request', 'binding_message is required');
    if (!BINDING_MESSAGE.test(bindingMessage))
      return sendOAuthError(
        reply,
        400,
        'invalid_request',
        'binding_message must be at most 64 characters of letters, digits, spaces and +-_.,:#',
      );
    let expiresIn = tenant.fixture.ciba.expiresInSeconds;
    if (params.requested_expiry !== undefined) {
      const requested = Number(params.requested_expiry);
      if (!Number.isInteger(requested) || requested < 1 || requested > MAX_REQUESTED_EXPIRY)
        return sendOAuthError(
          reply,
          400,
          'invalid_request',
          `requested_expiry must be an integer between 1 and ${MAX_REQUESTED_EXPIRY}`,
        );
      expiresIn = requested;
    }
    const audience = param(params, 'audience') ?? param(params, 'resource') ?? tenant.fixture.defaultAudience;
    if (audience && !tenant.findApi(audience))
      return sendOAuthError(reply, 403, 'access_denied', `Service not found: ${audience}`);
    const authReqId = randomBytes(24).toString('base64url');
    tenant.cibaRequests.set(
      authReqId,
      {
        authReqId,
        clientId: auth.client.clientId,
        userId: user.userId,
        scope: grantedScopes(tenant, user, scope, audience, false),
        audience,
        bindingMessage,
        status: 'pending',
        expiresAt: Date.now() + expiresIn * 1000,
      },
      (expiresIn + 600) * 1000,
    );
    return reply
      .header('cache-control', 'no-store')
      .send({ auth_req_id: authReqId, expires_in: expiresIn, interval: tenant.fixture.ciba.intervalSeconds });
  });
}
