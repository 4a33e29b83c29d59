import { randomBytes, randomInt } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { escapeHtml, page } from '../browser/html.ts';
import { authenticateClient } from '../client-auth/authenticate-client.ts';
import { GRANT_TYPE } from '../../lib/k6-and-node/grant-types.ts';
import { bodyParams, param, stringParams } from '../http/request-bodies.ts';
import { authenticateDatabaseUser } from '../login/database-login.ts';
import { sendOAuthError } from '../oauth-error.ts';
import { grantedScopes, splitScope } from '../tokens/user-tokens.ts';

// User codes avoid vowels and look-alikes, as Auth0's do (e.g. "KPNW-QRTB").
const USER_CODE_ALPHABET = 'BCDFGHJKLMNPQRSTVWXZ';
const userCode = () =>
  Array.from(
    { length: 8 },
    (_, i) => (i === 4 ? '-' : '') + USER_CODE_ALPHABET[randomInt(USER_CODE_ALPHABET.length)],
  ).join('');
const normalise = (code: string) => code.toUpperCase().replace(/[^A-Z]/g, '');

/** POST /oauth/device/code and the activation page a user confirms the device on (docs/auth0-api.md §1.2, §3.5). */
export function deviceAuthorizationRoutes(app: FastifyInstance): void {
  const tenant = app.tenant;

  // Device code authorization: 5/5 per s per IP (docs/auth0-api.md §4.4, mapping inferred there).
  app.post(
    '/oauth/device/code',
    { config: { rateLimit: { id: 'device_code', key: 'ip' } } },
    async (request, reply) => {
      const params = bodyParams(request.body);
      const auth = await authenticateClient(tenant, request, params, {
        secretFailure: 'invalid_client',
        allowPublic: true,
      });
      if (!auth.ok) return sendOAuthError(reply, auth.status, auth.error, auth.description);
      if (!auth.client.grantTypes.includes(GRANT_TYPE.deviceCode))
        return sendOAuthError(
          reply,
          403,
          'unauthorized_client',
          `Grant type '${GRANT_TYPE.deviceCode}' not allowed for the client.`,
        );
      const audience = param(params, 'audience') ?? param(params, 'resource') ?? tenant.fixture.defaultAudience;
      if (audience && !tenant.findApi(audience))
        return sendOAuthError(reply, 403, 'access_denied', `Service not found: ${audience}`);
      const { expiresInSeconds, intervalSeconds } = tenant.fixture.device;
      const deviceCode = randomBytes(24).toString('base64url');
      const code = userCode();
      // Kept past expiry so the first late poll can say expired_token (docs/auth0-api.md §3.5).
      tenant.devices.set(
        deviceCode,
        {
          deviceCode,
          userCode: normalise(code),
          clientId: auth.client.clientId,
          scope: splitScope(params.scope),
          audience,
          status: 'pending',
          expiresAt: Date.now() + expiresInSeconds * 1000,
          expiredReported: false,
        },
        (expiresInSeconds + 600) * 1000,
      );
      const verificationUri = `${tenant.issuer}activate`;
      return reply.header('cache-control', 'no-store').send({
        device_code: deviceCode,
        user_code: code,
        verification_uri: verificationUri,
        verification_uri_complete: `${verificationUri}?user_code=${code}`,
        expires_in: expiresInSeconds,
        interval: intervalSeconds,
      });
    },
  );

  const form = (code: string, message?: string) =>
    page(
      'Device Confirmation',
      `${message ? `<p role="alert">${escapeHtml(message)}</p>` : ''}<form method="post" action="/activate"><label>Code <input name="user_code" value="${escapeHtml(code)}"></label><label>Email <input name="username"></label><label>Password <input type="password" name="password"></label><button type="submit" name="action" value="confirm">Confirm</button><button type="submit" name="action" value="cancel">Cancel</button></form>`,
    );
  const html = (reply: FastifyReply, status: number, body: string) =>
    reply.code(status).type('text/html; charset=utf-8').send(body);

  app.get('/activate', async (request, reply) => html(reply, 200, form(stringParams(request.query).user_code ?? '')));

  // Device code activation: 30 burst, 6/s per IP (docs/auth0-api.md §4.4).
  app.post('/activate', { config: { rateLimit: { id: 'device_activation', key: 'ip' } } }, async (request, reply) => {
    const body = bodyParams(request.body);
    const code = normalise(param(body, 'user_code') ?? '');
    const device = tenant.devices
      .values()
      .find((d) => d.userCode === code && d.status === 'pending' && d.expiresAt > Date.now());
    if (!device) return html(reply, 400, form('', 'Invalid or expired code.'));
    if (body.action === 'cancel') {
      device.status = 'denied';
      return html(reply, 200, page('Device Confirmation', '<p>You cancelled the confirmation.</p>'));
    }
    const login = authenticateDatabaseUser(tenant, request, reply, {
      connection: tenant.fixture.connections.database.name,
      username: param(body, 'username') ?? '',
      password: param(body, 'password') ?? '',
      ip: request.ip,
    });
    if (!login.ok) return login.reason === 'answered' ? reply : html(reply, 400, form(code, 'Wrong email or password'));
    device.status = 'approved';
    device.userId = login.user.userId;
    device.authTime = Math.floor(Date.now() / 1000);
    device.scope = grantedScopes(tenant, login.user, device.scope, device.audience, false);
    return html(reply, 200, page("Congratulations, you're all set!", '<p>Your device is now connected.</p>'));
  });
}
