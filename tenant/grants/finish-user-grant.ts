import { randomBytes } from 'node:crypto';
import { sendOAuthError } from '../oauth-error.ts';
import type { UserGrant } from './user-grant.ts';
import type { TenantUser } from '../user-directory.ts';
import { issueUserTokens } from '../tokens/user-tokens.ts';
import { sendTokens, type GrantContext } from './grant-context.ts';

/** mfa_token lifetime: 10 minutes, like Auth0's. */
export const MFA_TOKEN_TTL_MS = 10 * 60 * 1000;

const CHALLENGE_TYPES = { otp: 'otp', oob: 'phone', 'recovery-code': 'recovery-code' } as const;

/**
 * The end of a credentials grant: users with an active authenticator are stopped with
 * 403 mfa_required and an mfa_token (docs/auth0-api.md §3.2); everyone else gets tokens.
 */
export function finishUserGrant(
  ctx: GrantContext,
  user: TenantUser,
  grant: UserGrant,
  gty?: 'password',
): ReturnType<typeof sendTokens> {
  const active = user.authenticators.filter((a) => a.active);
  if (active.length > 0) {
    const mfaToken = randomBytes(32).toString('base64url');
    ctx.tenant.mfaTransactions.set(mfaToken, grant, MFA_TOKEN_TTL_MS);
    const challenge = [...new Set(active.map((a) => CHALLENGE_TYPES[a.authenticatorType]))].map((type) => ({ type }));
    return sendOAuthError(ctx.reply, 403, 'mfa_required', 'Multifactor authentication required', {
      mfa_token: mfaToken,
      mfa_requirements: { challenge },
    });
  }
  return sendTokens(ctx.reply, issueUserTokens(ctx.tenant, grant, { gty, mayIssueRefreshToken: true }));
}
