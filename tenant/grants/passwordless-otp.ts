import { param } from '../http/request-bodies.ts';
import { sendOAuthError } from '../oauth-error.ts';
import { grantedScopes, splitScope } from '../tokens/user-tokens.ts';
import { sameString } from '../user-directory.ts';
import { finishUserGrant } from './finish-user-grant.ts';
import type { GrantContext } from './grant-context.ts';

/** Codes allow a few tries before they are spent, so a typo does not force a new message. */
const MAX_ATTEMPTS = 3;

/** Passwordless OTP grant for the email and sms connections (docs/auth0-api.md §1.3, §3.2). */
export async function passwordlessOtpGrant(ctx: GrantContext) {
  const { tenant, reply, params, client } = ctx;
  if (params.auth_session !== undefined) return databaseOtpGrant(ctx);
  const username = param(params, 'username');
  const otp = param(params, 'otp');
  const realm = param(params, 'realm');
  if (!username) return sendOAuthError(reply, 400, 'invalid_request', 'Missing required parameter: username');
  if (!otp) return sendOAuthError(reply, 400, 'invalid_request', 'Missing required parameter: otp');
  const { email, sms } = tenant.fixture.connections.passwordless;
  if (!realm) return sendOAuthError(reply, 400, 'invalid_request', 'Missing required parameter: realm');
  if (realm !== email && realm !== sms) return sendOAuthError(reply, 400, 'invalid_request', `Unknown realm ${realm}.`);
  const channel = realm === email ? 'email' : 'sms';
  const wrong = channel === 'email' ? 'Wrong email or verification code.' : 'Wrong phone number or verification code.';
  const key = `${realm}\u0000${username.toLowerCase()}`;
  const pending = tenant.passwordlessCodes.get(key);
  if (!pending || !sameString(pending.code, otp)) {
    if (pending && ++pending.attempts >= MAX_ATTEMPTS) tenant.passwordlessCodes.delete(key);
    return sendOAuthError(reply, 403, 'invalid_grant', wrong);
  }
  tenant.passwordlessCodes.delete(key);
  const user = tenant.users.passwordlessUser(channel, realm, username);
  const audience = param(params, 'audience') ?? tenant.fixture.defaultAudience;
  if (audience && !tenant.findApi(audience))
    return sendOAuthError(reply, 403, 'access_denied', `Service not found: ${audience}`);
  const scope = grantedScopes(tenant, user, splitScope(params.scope), audience, false);
  return finishUserGrant(ctx, user, {
    clientId: client.clientId,
    userId: user.userId,
    scope,
    audience,
    authTime: Math.floor(Date.now() / 1000),
  });
}

/**
 * The same grant on a database connection, after /otp/challenge (docs/auth0-api.md §1.3): auth_session
 * and otp. A bad, expired or spent auth_session, and a wrong code, are 400 invalid_request (doc PW-DB).
 */
async function databaseOtpGrant(ctx: GrantContext) {
  const { tenant, reply, params, client } = ctx;
  const sessionId = param(params, 'auth_session') ?? '';
  const otp = param(params, 'otp');
  const session = tenant.otpSessions.get(sessionId);
  if (!session || session.clientId !== client.clientId)
    return sendOAuthError(reply, 400, 'invalid_request', 'The auth_session is invalid or has expired.');
  if (!otp || !session.userId || !sameString(session.code, otp)) {
    if (++session.attempts >= MAX_ATTEMPTS) tenant.otpSessions.delete(sessionId);
    return sendOAuthError(reply, 400, 'invalid_request', 'Invalid or expired otp.');
  }
  tenant.otpSessions.delete(sessionId);
  const user = tenant.findUser(session.userId);
  if (!user) return sendOAuthError(reply, 400, 'invalid_request', 'The auth_session is invalid or has expired.');
  const audience = param(params, 'audience') ?? tenant.fixture.defaultAudience;
  const scope = grantedScopes(tenant, user, splitScope(params.scope), audience, false);
  return finishUserGrant(ctx, user, {
    clientId: client.clientId,
    userId: user.userId,
    scope,
    audience,
    authTime: Math.floor(Date.now() / 1000),
  });
}
