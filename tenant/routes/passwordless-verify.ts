import type { FastifyInstance } from 'fastify';
import { bodyParams, param } from '../http/request-bodies.ts';
import { sendOAuthError } from '../oauth-error.ts';
import { sameString } from '../user-directory.ts';

/**
 * POST /passwordless/verify (docs/auth0-api.md §1.2), the legacy verification of a passwordless
 * code: 200 when the code sent by /passwordless/start matches. It leaves the code in place, as the
 * old embedded flow goes on to /passwordless/verify_redirect with it; a fixture can turn it off
 * (features.legacy.passwordlessVerify), as tenants created after June 2017 have it.
 */
export function passwordlessVerifyRoutes(app: FastifyInstance): void {
  const tenant = app.tenant;
  app.post('/passwordless/verify', async (request, reply) => {
    if (!tenant.fixture.features.legacy.passwordlessVerify)
      return sendOAuthError(
        reply,
        404,
        'endpoint_disabled',
        'The /passwordless/verify endpoint is disabled for this tenant.',
      );
    const body = bodyParams(request.body);
    const client = tenant.findClient(param(body, 'client_id') ?? '');
    if (!client) return sendOAuthError(reply, 400, 'bad.client_id', 'Missing required property: client_id');
    const connection = param(body, 'connection');
    const { email, sms } = tenant.fixture.connections.passwordless;
    if (connection !== email && connection !== sms)
      return sendOAuthError(reply, 400, 'bad.connection', 'Connection does not exist');
    const username = param(body, 'username') ?? '';
    const pending = tenant.passwordlessCodes.get(`${connection}\u0000${username.toLowerCase()}`);
    const code = param(body, 'password') ?? param(body, 'verification_code') ?? '';
    const accepted =
      (pending !== undefined && sameString(pending.code, code)) ||
      tenant.faults.has('passwordless_verify.accepts_wrong_code');
    if (!accepted)
      return sendOAuthError(
        reply,
        403,
        'invalid_grant',
        connection === email ? 'Wrong email or verification code.' : 'Wrong phone number or verification code.',
      );
    return {};
  });
}
