import { param } from '../http/request-bodies.ts';
import { sendOAuthError } from '../oauth-error.ts';
import { issueUserTokens } from '../tokens/user-tokens.ts';
import { sendTokens, type GrantContext } from './grant-context.ts';

/**
 * Device-flow polling with the current documented statuses (docs/auth0-api.md §3.5: 403 / 429, not
 * the older 400s).
 */
export async function deviceCodeGrant({ tenant, reply, params, client }: GrantContext) {
  const deviceCode = param(params, 'device_code');
  if (!deviceCode) return sendOAuthError(reply, 400, 'invalid_request', 'Missing required parameter: device_code');
  const device = tenant.devices.get(deviceCode);
  if (!device || device.clientId !== client.clientId || device.status === 'consumed')
    return sendOAuthError(reply, 403, 'invalid_grant', 'Invalid or expired device code.');
  const now = Date.now();
  if (device.expiresAt <= now) {
    // expired_token is said once; afterwards the code is simply invalid (docs/auth0-api.md §3.5).
    if (device.expiredReported) return sendOAuthError(reply, 403, 'invalid_grant', 'Invalid or expired device code.');
    device.expiredReported = true;
    return sendOAuthError(reply, 403, 'expired_token', 'The device_code has expired.');
  }
  const interval = tenant.fixture.device.intervalSeconds;
  const tooFast = device.lastPolledAt !== undefined && now - device.lastPolledAt < interval * 1000;
  device.lastPolledAt = now;
  if (device.status === 'denied')
    return sendOAuthError(reply, 403, 'access_denied', 'User cancelled the confirmation prompt.');
  if (tooFast && device.status === 'pending')
    return sendOAuthError(
      reply,
      429,
      'slow_down',
      `You are polling faster than the specified interval of ${interval} seconds.`,
    );
  if (device.status === 'pending')
    return sendOAuthError(reply, 403, 'authorization_pending', 'User has yet to authorize device code.');
  device.status = 'consumed';
  const grant = {
    clientId: client.clientId,
    userId: device.userId as string,
    scope: device.scope,
    audience: device.audience,
    authTime: device.authTime as number,
  };
  return sendTokens(reply, issueUserTokens(tenant, grant, { mayIssueRefreshToken: true }));
}
