import { randomBytes } from 'node:crypto';
import { enforceLimit } from '../http/rate-limit-hooks.ts';
import { param } from '../http/request-bodies.ts';
import { sendOAuthError } from '../oauth-error.ts';
import type { MfaTransaction } from '../tenant-state.ts';
import { verifyTotp } from '../../lib/k6-and-node/totp.ts';
import { issueUserTokens } from '../tokens/user-tokens.ts';
import { sameString } from '../user-directory.ts';
import { sendTokens, type GrantContext } from './grant-context.ts';

// MFA grants (docs/auth0-api.md §1.3, §3.4). Statuses for the invalid_grant cases are unconfirmed there; 403 is
// what Auth0 uses for every other invalid_grant at /oauth/token, so these follow it.

function transaction(ctx: GrantContext): MfaTransaction | undefined {
  const token = param(ctx.params, 'mfa_token');
  if (!token) {
    sendOAuthError(ctx.reply, 400, 'invalid_request', 'Missing required parameter: mfa_token');
    return undefined;
  }
  const found = ctx.tenant.mfaTransactions.get(token);
  if (!found || found.clientId !== ctx.client.clientId) {
    sendOAuthError(ctx.reply, 403, 'invalid_grant', 'Malformed mfa_token');
    return undefined;
  }
  return found;
}

function finish(ctx: GrantContext, grant: MfaTransaction, extra: Record<string, unknown> = {}) {
  ctx.tenant.mfaTransactions.delete(String(ctx.params.mfa_token));
  return sendTokens(ctx.reply, { ...issueUserTokens(ctx.tenant, grant, { mayIssueRefreshToken: true }), ...extra });
}

export async function mfaOtpGrant(ctx: GrantContext) {
  const grant = transaction(ctx);
  if (!grant) return ctx.reply;
  const otp = param(ctx.params, 'otp');
  if (!otp) return sendOAuthError(ctx.reply, 400, 'invalid_request', 'Missing required parameter: otp');
  const user = ctx.tenant.findUser(grant.userId);
  // An inactive otp authenticator is one /mfa/associate just created: a right code confirms it.
  const authenticator = user?.authenticators.find(
    (a) => a.authenticatorType === 'otp' && a.secret && verifyTotp(a.secret, otp),
  );
  if (!authenticator) return sendOAuthError(ctx.reply, 403, 'invalid_grant', 'Invalid otp_code.');
  authenticator.active = true;
  return finish(ctx, grant);
}

export async function mfaOobGrant(ctx: GrantContext) {
  const grant = transaction(ctx);
  if (!grant) return ctx.reply;
  const oobCode = param(ctx.params, 'oob_code');
  if (!oobCode) return sendOAuthError(ctx.reply, 400, 'invalid_request', 'Missing required parameter: oob_code');
  // MFA OOB token exchange: 12 per minute per session (docs/auth0-api.md §4.4).
  if (!enforceLimit(ctx.request, ctx.reply, 'mfa_oob', String(ctx.params.mfa_token))) return ctx.reply;
  const challenge = ctx.tenant.oobChallenges.get(oobCode);
  if (!challenge || challenge.mfaToken !== ctx.params.mfa_token)
    return sendOAuthError(ctx.reply, 403, 'invalid_grant', 'Invalid oob_code.');
  const binding = param(ctx.params, 'binding_code');
  if (!binding)
    return sendOAuthError(
      ctx.reply,
      400,
      'authorization_pending',
      'Authorization pending: please repeat the request in a few seconds.',
    );
  if (!sameString(binding, challenge.bindingCode))
    return sendOAuthError(ctx.reply, 403, 'invalid_grant', 'Invalid binding_code.');
  ctx.tenant.oobChallenges.delete(oobCode);
  const authenticator = ctx.tenant
    .findUser(grant.userId)
    ?.authenticators.find((a) => a.id === challenge.authenticatorId);
  if (authenticator) authenticator.active = true;
  return finish(ctx, grant);
}

/** A successful recovery code is spent: the response carries its replacement (docs/auth0-api.md §2.1). */
export async function mfaRecoveryCodeGrant(ctx: GrantContext) {
  const grant = transaction(ctx);
  if (!grant) return ctx.reply;
  const code = param(ctx.params, 'recovery_code');
  if (!code) return sendOAuthError(ctx.reply, 400, 'invalid_request', 'Missing required parameter: recovery_code');
  const authenticator = ctx.tenant
    .findUser(grant.userId)
    ?.authenticators.find((a) => a.authenticatorType === 'recovery-code' && a.active);
  if (!authenticator?.code || !sameString(authenticator.code.toUpperCase(), code.toUpperCase()))
    return sendOAuthError(ctx.reply, 403, 'invalid_grant', 'Invalid recovery_code.');
  authenticator.code = randomBytes(12).toString('hex').toUpperCase();
  return finish(ctx, grant, { recovery_code: authenticator.code });
}
