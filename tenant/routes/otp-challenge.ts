import { randomBytes, randomInt } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { authenticateClient } from '../client-auth/authenticate-client.ts';
import { bodyParams, param } from '../http/request-bodies.ts';
import { sendOAuthError } from '../oauth-error.ts';

const SESSION_TTL_MS = 5 * 60 * 1000;
const PHONE = /^\+[0-9]{1,15}$/;
const EMAIL = /^[^@\s]+@[^@\s]+$/;

/**
 * POST /otp/challenge (docs/auth0-api.md §1.2, errors §3.7b): passwordless OTP on a database
 * connection. It answers an auth_session whether or not the user exists, so that accounts cannot be
 * enumerated; the code goes to the outbox only for a user who does. The passwordless-OTP grant then
 * takes auth_session and otp (tenant/grants/passwordless-otp.ts).
 */
export function otpChallengeRoutes(app: FastifyInstance): void {
  const tenant = app.tenant;
  app.post('/otp/challenge', async (request, reply) => {
    const body = bodyParams(request.body);
    const connection = param(body, 'connection');
    const email = param(body, 'email');
    const phone = param(body, 'phone_number');
    if (!connection || !param(body, 'client_id'))
      return sendOAuthError(reply, 400, 'invalid_request', 'Missing required parameter: connection or client_id');
    if (!email && !phone)
      return reply.code(400).send({
        error: 'invalid_request',
        error_description: 'Either email or phone_number must be provided',
        validation_errors: [{ field: 'email', message: 'Either email or phone_number must be provided' }],
      });
    if ((email && !EMAIL.test(email)) || (phone && !PHONE.test(phone)))
      return sendOAuthError(reply, 400, 'invalid_request', email ? 'Invalid email.' : 'Invalid phone_number.');
    if (connection !== tenant.fixture.connections.database.name)
      return sendOAuthError(reply, 400, 'invalid_connection', `Unknown connection ${connection}.`);
    const auth = await authenticateClient(tenant, request, body, {
      secretFailure: 'invalid_client',
      allowPublic: true,
    });
    if (!auth.ok) return sendOAuthError(reply, auth.status, auth.error, auth.description);
    if (auth.client.appType === 'spa')
      return sendOAuthError(
        reply,
        403,
        'unauthorized_client',
        'Passwordless OTP is not available to SPA applications.',
      );
    const identifier = (email ?? phone) as string;
    const user = tenant.users.byLogin(connection, identifier);
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const session = randomBytes(24).toString('base64url');
    tenant.otpSessions.set(
      session,
      { clientId: auth.client.clientId, userId: user?.userId, code, attempts: 0 },
      SESSION_TTL_MS,
    );
    if (user) tenant.outbox.send({ to: identifier, channel: email ? 'email' : 'sms', kind: 'otp', code });
    if (tenant.faults.has('otp_challenge.no_auth_session')) return { session };
    return { auth_session: session };
  });
}
