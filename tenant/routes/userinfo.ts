import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { enforceLimit } from '../http/rate-limit-hooks.ts';
import { profileClaims } from '../tokens/id-token.ts';
import { verifyBearer } from '../tokens/verify-own-token.ts';

/**
 * GET/POST /userinfo (docs/auth0-api.md §1.2). A bad token gets 401 with the plain-text body `Unauthorized`: that is
 * what real tenants were observed sending (docs/auth0-api.md §3.1 shape D, §7.3), chosen over the OAS's JSON.
 * The per-user bucket (10 burst, 5/min) is keyed by the token's subject (docs/auth0-api.md §4.4).
 */
export function userinfoRoutes(app: FastifyInstance): void {
  const tenant = app.tenant;
  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const token = verifyBearer(tenant, request.headers.authorization);
    const user =
      token && token.scope.includes('openid') && token.aud.includes(tenant.userinfoAudience)
        ? tenant.findUser(token.sub)
        : undefined;
    if (!token || !user) {
      const code = tenant.faults.has('error.wrong_status') ? 400 : 401;
      return reply
        .code(code)
        .header('www-authenticate', 'Bearer error="invalid_token"')
        .type('text/plain; charset=utf-8')
        .send('Unauthorized');
    }
    if (!enforceLimit(request, reply, 'userinfo', user.userId)) return reply;
    return {
      // The deviation answers with another user's id, in the same format.
      sub: tenant.faults.has('userinfo.wrong_sub') ? `${user.userId}-other` : user.userId,
      ...profileClaims(
        user,
        ['profile', 'email', 'phone'].filter((s) => token.scope.includes(s)),
      ),
    };
  };
  app.get('/userinfo', handler);
  app.post('/userinfo', handler);
}
