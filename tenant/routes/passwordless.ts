import { randomBytes, randomInt } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { parseAuthorizationRequest } from '../browser/authorization-request.ts';
import { completeAuthorization, deliverError } from '../browser/authorization-response.ts';
import { startSession } from '../browser/session-cookie.ts';
import { authenticateClient } from '../client-auth/authenticate-client.ts';
import { bodyParams, param, stringParams } from '../http/request-bodies.ts';
import { sendErrorPage, sendOAuthError } from '../oauth-error.ts';
import { sameString } from '../user-directory.ts';

const CODE_TTL_MS = 5 * 60 * 1000;
const ALLOWED = new Set([
  'client_id',
  'client_secret',
  'client_assertion',
  'client_assertion_type',
  'connection',
  'email',
  'phone_number',
  'send',
  'authParams',
]);
const PHONE = /^\+[0-9]{1,15}$/;
const EMAIL = /^[^@\s]+@[^@\s]+$/;

/**
 * POST /passwordless/start (docs/auth0-api.md §1.2, errors §3.7) and the magic-link landing
 * GET /passwordless/verify_redirect. Codes and links land in the outbox.
 */
export function passwordlessRoutes(app: FastifyInstance): void {
  const tenant = app.tenant;
  const { email: emailConnection, sms: smsConnection } = tenant.fixture.connections.passwordless;

  // 50 burst, 50/hour per IP (docs/auth0-api.md §4.4).
  app.post(
    '/passwordless/start',
    { config: { rateLimit: { id: 'passwordless_start', key: 'ip' } } },
    async (request, reply) => {
      const body = bodyParams(request.body);
      const extra = Object.keys(body).filter((k) => !ALLOWED.has(k));
      if (extra.length > 0)
        return sendOAuthError(
          reply,
          400,
          'bad.request',
          `the following properties are not allowed: ${extra.join(', ')}`,
        );
      if (!param(body, 'client_id'))
        return sendOAuthError(reply, 400, 'bad.client_id', 'Missing required property: client_id');
      const connection = param(body, 'connection');
      if (!connection) return sendOAuthError(reply, 400, 'bad.connection', 'Missing required property: connection');
      if (connection === tenant.fixture.connections.database.name)
        return sendOAuthError(
          reply,
          400,
          'bad.connection',
          'Invalid connection strategy. It must either be a passwordless connection',
        );
      if (connection !== emailConnection && connection !== smsConnection)
        return sendOAuthError(reply, 400, 'bad.connection', 'Connection does not exist');
      if (
        body.authParams !== undefined &&
        (typeof body.authParams !== 'object' || body.authParams === null || Array.isArray(body.authParams))
      ) {
        return sendOAuthError(
          reply,
          400,
          'bad.authParams',
          `error in authParams - invalid type: ${Array.isArray(body.authParams) ? 'array' : typeof body.authParams} (expected object)`,
        );
      }
      const send = body.send ?? 'link';
      if (send !== 'link' && send !== 'code')
        return sendOAuthError(reply, 400, 'bad.request', 'error in send - must be one of link, code');
      const auth = await authenticateClient(tenant, request, body, {
        secretFailure: 'invalid_client',
        allowPublic: true,
      });
      if (!auth.ok)
        return sendOAuthError(
          reply,
          auth.status === 400 ? 400 : 401,
          auth.status === 400 ? 'bad.client_id' : auth.error,
          auth.description,
        );

      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      const authParams = (body.authParams ?? {}) as Record<string, unknown>;
      if (connection === smsConnection) {
        const phone = param(body, 'phone_number');
        if (!phone) return sendOAuthError(reply, 400, 'bad.phone_number', 'Missing required property: phone_number');
        if (!PHONE.test(phone))
          return sendOAuthError(reply, 400, 'bad.phone_number', 'String does not match pattern: ^\\+[0-9]{1,15}$');
        tenant.passwordlessCodes.set(
          `${connection}\u0000${phone.toLowerCase()}`,
          { code, attempts: 0, authParams },
          CODE_TTL_MS,
        );
        tenant.outbox.send({ to: phone, channel: 'sms', kind: 'otp', code });
        return {
          _id: randomBytes(12).toString('hex'),
          phone_number: phone,
          phone_verified: false,
          request_language: null,
        };
      }
      const email = param(body, 'email');
      if (!email) return sendOAuthError(reply, 400, 'bad.email', 'Missing required property: email');
      if (!EMAIL.test(email))
        return sendOAuthError(reply, 400, 'bad.email', "Object didn't pass validation for format email: " + email);
      tenant.passwordlessCodes.set(
        `${connection}\u0000${email.toLowerCase()}`,
        { code, attempts: 0, authParams },
        CODE_TTL_MS,
      );
      if (send === 'code') {
        tenant.outbox.send({ to: email, channel: 'email', kind: 'otp', code });
      } else {
        const link = new URL(`${tenant.issuer}passwordless/verify_redirect`);
        const linkParams: Record<string, string> = {
          client_id: auth.client.clientId,
          connection,
          email,
          verification_code: code,
        };
        for (const [k, v] of Object.entries(authParams)) if (typeof v === 'string') linkParams[k] = v;
        for (const [k, v] of Object.entries(linkParams)) link.searchParams.set(k, v);
        tenant.outbox.send({ to: email, channel: 'email', kind: 'link', link: link.toString() });
      }
      return { _id: randomBytes(12).toString('hex'), email, email_verified: false };
    },
  );

  // The magic link: verifies the code, signs the user in and answers like /authorize with authParams.
  app.get('/passwordless/verify_redirect', async (request, reply) => {
    const q = stringParams(request.query);
    const parsed = parseAuthorizationRequest(tenant, { response_type: 'code', ...q });
    if ('kind' in parsed) {
      if (parsed.kind === 'page') return sendErrorPage(reply, 400, parsed.error, parsed.description);
      return deliverError(reply, parsed.request, parsed.error, parsed.description);
    }
    const key = `${q.connection}\u0000${(q.email ?? '').toLowerCase()}`;
    const pending = tenant.passwordlessCodes.get(key);
    if (q.connection !== emailConnection || !pending || !sameString(pending.code, q.verification_code ?? ''))
      return deliverError(reply, parsed, 'access_denied', 'Wrong email or verification code.');
    tenant.passwordlessCodes.delete(key);
    const user = tenant.users.passwordlessUser('email', emailConnection, q.email);
    return completeAuthorization(tenant, reply, parsed, startSession(tenant, reply, user.userId));
  });
}
