import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { bodyParams, param } from '../http/request-bodies.ts';
import { BLOCKED_AFTER_ATTEMPTS, authenticateDatabaseUser } from '../login/database-login.ts';
import { sendOAuthError } from '../oauth-error.ts';
import { GRANT_TYPE } from '../../lib/k6-and-node/grant-types.ts';

const TICKET_TTL_MS = 5 * 60 * 1000;
const ALLOWED_FIELDS = new Set(['client_id', 'credential_type', 'username', 'password', 'otp', 'realm']);
const INVALID_BODY =
  'Invalid request body. All and only of client_id, credential_type, username, otp, realm are required.';

function allowCors(request: FastifyRequest, reply: FastifyReply): void {
  const origin = request.headers.origin;
  if (origin)
    reply
      .header('access-control-allow-origin', origin)
      .header('access-control-allow-credentials', 'true')
      .header('vary', 'Origin');
}

/**
 * POST /co/authenticate (docs/auth0-api.md §1.2, §3.8): cross-origin login that answers a login_ticket for
 * /authorize. Errors are the documented ones, including the plain-text 403 for a foreign Origin.
 */
export function coAuthenticateRoutes(app: FastifyInstance): void {
  const tenant = app.tenant;
  app.options('/co/authenticate', async (request, reply) => {
    allowCors(request, reply);
    return reply
      .code(204)
      .header('access-control-allow-methods', 'POST')
      .header('access-control-allow-headers', 'content-type, auth0-client')
      .send();
  });
  app.post(
    '/co/authenticate',
    { config: { rateLimit: { id: 'co_authenticate', key: 'any' } } },
    async (request, reply) => {
      allowCors(request, reply);
      const body = bodyParams(request.body);
      const client = tenant.findClient(param(body, 'client_id') ?? '');
      const credentialType = param(body, 'credential_type');
      const username = param(body, 'username');
      const secret = param(body, 'password') ?? param(body, 'otp');
      if (!client || !credentialType || !username || !secret || Object.keys(body).some((k) => !ALLOWED_FIELDS.has(k)))
        return sendOAuthError(reply, 400, 'invalid_request', INVALID_BODY);
      if (credentialType !== GRANT_TYPE.passwordRealm && credentialType !== GRANT_TYPE.password)
        return sendOAuthError(reply, 400, 'unsupported_credential_type', 'Unknown credential type parameter.');
      const realm =
        credentialType === GRANT_TYPE.passwordRealm ? param(body, 'realm') : tenant.fixture.connections.database.name;
      if (!realm) return sendOAuthError(reply, 400, 'invalid_request', INVALID_BODY);
      if (realm !== tenant.fixture.connections.database.name)
        return sendOAuthError(reply, 400, 'invalid_request', `Unknown realm ${realm}.`);
      if (!client.crossOriginAuthentication)
        return sendOAuthError(reply, 401, 'unauthorized_client', 'Cross origin login not allowed.');
      const origin = request.headers.origin;
      if (origin && !client.allowedOrigins.includes(origin))
        return reply.code(403).type('text/plain; charset=utf-8').send(`Origin ${origin} is not allowed.`);

      const login = authenticateDatabaseUser(tenant, request, reply, {
        connection: realm,
        username,
        password: secret,
        ip: request.ip,
      });
      if (!login.ok) {
        if (login.reason === 'answered') return reply;
        if (login.reason === 'too_many_attempts')
          return sendOAuthError(reply, 429, 'too_many_attempts', BLOCKED_AFTER_ATTEMPTS);
        if (login.reason === 'blocked_user') return sendOAuthError(reply, 403, 'blocked_user', 'Blocked user');
        return sendOAuthError(reply, 403, 'access_denied', 'Wrong email or password.');
      }
      const loginTicket = randomBytes(24).toString('base64url');
      tenant.loginTickets.set(loginTicket, { userId: login.user.userId, clientId: client.clientId }, TICKET_TTL_MS);
      // co_id/co_verifier serve auth0.js's /co/verify cookie fallback, which the local tenant does not offer.
      return {
        login_ticket: loginTicket,
        co_id: randomBytes(12).toString('base64url'),
        ...(tenant.faults.has('co_authenticate.no_co_verifier')
          ? {}
          : { co_verifier: randomBytes(24).toString('base64url') }),
      };
    },
  );
}
