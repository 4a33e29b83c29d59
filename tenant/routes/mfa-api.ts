import { randomBytes, randomInt } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authenticateClient } from '../client-auth/authenticate-client.ts';
import { bodyParams, param } from '../http/request-bodies.ts';
import { sendOAuthError } from '../oauth-error.ts';
import type { TenantState } from '../tenant-state.ts';
import { newTotpSecret } from '../../lib/k6-and-node/totp.ts';
import { verifyBearer } from '../tokens/verify-own-token.ts';
import { UserDirectory, type Authenticator, type TenantUser } from '../user-directory.ts';
import { MFA_TOKEN_TTL_MS } from '../grants/finish-user-grant.ts';

const OOB_TTL_MS = 5 * 60 * 1000;

/** Who calls the MFA API: an mfa_token (from mfa_required) or an access token for the /mfa/ audience. */
interface MfaCaller {
  user: TenantUser;
  clientId: string;
  mfaToken?: string;
  scope: string[];
}

function mfaCaller(tenant: TenantState, request: FastifyRequest): MfaCaller | undefined {
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
  if (!bearer) return undefined;
  const transaction = tenant.mfaTransactions.get(bearer);
  if (transaction) {
    const user = tenant.findUser(transaction.userId);
    return user && { user, clientId: transaction.clientId, mfaToken: bearer, scope: ['enroll', 'read:authenticators'] };
  }
  const token = verifyBearer(tenant, request.headers.authorization);
  const user = token && token.aud.includes(tenant.mfaAudience) ? tenant.findUser(token.sub) : undefined;
  return user && token && { user, clientId: token.clientId, scope: token.scope };
}

const unauthorized = (reply: FastifyReply) =>
  sendOAuthError(reply, 401, 'invalid_token', 'The access token or mfa_token is missing, invalid or expired.');
const insufficientScope = (reply: FastifyReply, scope: string) =>
  sendOAuthError(reply, 403, 'insufficient_scope', `Insufficient scope, expected: ${scope}`);

function sendBindingCode(tenant: TenantState, authenticator: Authenticator, mfaToken: string): string {
  const bindingCode = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const oobCode = randomBytes(24).toString('base64url');
  tenant.oobChallenges.set(oobCode, { mfaToken, authenticatorId: authenticator.id, bindingCode }, OOB_TTL_MS);
  tenant.outbox.send({
    to: authenticator.to as string,
    channel: authenticator.oobChannel === 'email' ? 'email' : 'sms',
    kind: 'otp',
    code: bindingCode,
  });
  return oobCode;
}

/** /mfa/challenge, /mfa/associate and /mfa/authenticators (docs/auth0-api.md §1.2, §3.4, §3.9). */
export function mfaApiRoutes(app: FastifyInstance): void {
  const tenant = app.tenant;

  app.post('/mfa/challenge', async (request, reply) => {
    const body = bodyParams(request.body);
    const auth = await authenticateClient(tenant, request, body, {
      secretFailure: 'invalid_client',
      allowPublic: true,
    });
    if (!auth.ok) return sendOAuthError(reply, auth.status, auth.error, auth.description);
    const mfaToken = param(body, 'mfa_token');
    if (!mfaToken) return sendOAuthError(reply, 400, 'invalid_request', 'Missing required parameter: mfa_token');
    const transaction = tenant.mfaTransactions.get(mfaToken);
    if (!transaction || transaction.clientId !== auth.client.clientId)
      return sendOAuthError(reply, 403, 'invalid_grant', 'Malformed mfa_token');
    const user = tenant.findUser(transaction.userId) as TenantUser;
    const types = (param(body, 'challenge_type') ?? 'otp oob').split(' ');
    const wanted = param(body, 'authenticator_id');
    const authenticator = user.authenticators.find(
      (a) => a.active && (wanted ? a.id === wanted : types.includes(a.authenticatorType)),
    );
    if (!authenticator || authenticator.authenticatorType === 'recovery-code')
      return sendOAuthError(
        reply,
        400,
        'unsupported_challenge_type',
        'User is not enrolled with a matching authenticator.',
      );
    if (authenticator.authenticatorType === 'otp') return { challenge_type: 'otp' };
    return {
      challenge_type: 'oob',
      oob_code: sendBindingCode(tenant, authenticator, mfaToken),
      binding_method: 'prompt',
    };
  });

  app.post('/mfa/associate', async (request, reply) => {
    const caller = mfaCaller(tenant, request);
    if (!caller) return unauthorized(reply);
    if (!caller.scope.includes('enroll')) return insufficientScope(reply, 'enroll');
    const firstEnrolment = !caller.user.authenticators.some((a) => a.active);
    // The mfa_token enrols only users without an active authenticator (docs/auth0-api.md §1.2).
    if (caller.mfaToken && !firstEnrolment)
      return sendOAuthError(reply, 401, 'access_denied', 'User is already enrolled.');
    const body = bodyParams(request.body);
    const types = Array.isArray(body.authenticator_types) ? body.authenticator_types : [];
    const recoveryCodes = () => {
      if (!firstEnrolment || caller.user.authenticators.some((a) => a.authenticatorType === 'recovery-code')) return {};
      const code = randomBytes(12).toString('hex').toUpperCase();
      caller.user.authenticators.push({
        id: UserDirectory.newAuthenticatorId('recovery-code'),
        authenticatorType: 'recovery-code',
        code,
        active: true,
      });
      return { recovery_codes: [code] };
    };
    if (types.length === 1 && types[0] === 'otp') {
      const secret = newTotpSecret();
      caller.user.authenticators.push({
        id: UserDirectory.newAuthenticatorId('totp'),
        authenticatorType: 'otp',
        secret,
        active: false,
      });
      const label = encodeURIComponent(`${new URL(tenant.issuer).host}:${caller.user.email ?? caller.user.userId}`);
      return {
        authenticator_type: 'otp',
        secret,
        barcode_uri: `otpauth://totp/${label}?secret=${secret}&issuer=${encodeURIComponent(new URL(tenant.issuer).host)}&algorithm=SHA1&digits=6&period=30`,
        ...recoveryCodes(),
      };
    }
    if (types.length === 1 && types[0] === 'oob') {
      const channels = Array.isArray(body.oob_channels) ? body.oob_channels : [];
      const channel = channels[0];
      if (channels.length !== 1 || (channel !== 'sms' && channel !== 'email'))
        return sendOAuthError(reply, 400, 'invalid_request', 'oob_channels must be ["sms"] or ["email"].');
      const to = channel === 'sms' ? param(body, 'phone_number') : (param(body, 'email') ?? caller.user.email);
      if (!to || (channel === 'sms' && !/^\+[0-9]{1,15}$/.test(to)))
        return sendOAuthError(
          reply,
          400,
          'invalid_request',
          channel === 'sms' ? 'phone_number must be in E.164 format.' : 'email is required.',
        );
      const authenticator: Authenticator = {
        id: UserDirectory.newAuthenticatorId(channel),
        authenticatorType: 'oob',
        oobChannel: channel,
        to,
        active: false,
        name: to,
      };
      caller.user.authenticators.push(authenticator);
      // Confirming needs an mfa_token for the mfa-oob grant; an access-token caller gets one here.
      const mfaToken = caller.mfaToken ?? randomBytes(32).toString('base64url');
      if (!caller.mfaToken)
        tenant.mfaTransactions.set(
          mfaToken,
          { clientId: caller.clientId, userId: caller.user.userId, scope: [], authTime: Math.floor(Date.now() / 1000) },
          MFA_TOKEN_TTL_MS,
        );
      return {
        authenticator_type: 'oob',
        oob_channel: channel,
        oob_code: sendBindingCode(tenant, authenticator, mfaToken),
        binding_method: 'prompt',
        ...recoveryCodes(),
      };
    }
    return sendOAuthError(reply, 400, 'invalid_request', 'authenticator_types must be ["otp"] or ["oob"].');
  });

  app.get('/mfa/authenticators', async (request, reply) => {
    const caller = mfaCaller(tenant, request);
    if (!caller) return unauthorized(reply);
    if (!caller.scope.includes('read:authenticators')) return insufficientScope(reply, 'read:authenticators');
    return caller.user.authenticators.map((a) => ({
      id: a.id,
      authenticator_type: a.authenticatorType,
      active: a.active,
      ...(a.oobChannel ? { oob_channel: a.oobChannel } : {}),
      ...(a.name ? { name: a.name } : {}),
    }));
  });

  app.delete('/mfa/authenticators/:id', async (request, reply) => {
    const caller = mfaCaller(tenant, request);
    if (!caller) return unauthorized(reply);
    if (!caller.scope.includes('remove:authenticators')) return insufficientScope(reply, 'remove:authenticators');
    const id = (request.params as { id: string }).id;
    const index = caller.user.authenticators.findIndex((a) => a.id === id);
    if (index < 0) return sendOAuthError(reply, 404, 'not_found', 'Authenticator not found.');
    caller.user.authenticators.splice(index, 1);
    if (tenant.faults.has('mfa.remove_answers_200')) return { deleted: id };
    return reply.code(204).send();
  });
}
