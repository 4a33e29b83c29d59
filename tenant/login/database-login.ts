import type { FastifyReply, FastifyRequest } from 'fastify';
import { enforceLimit } from '../http/rate-limit-hooks.ts';
import type { TenantState } from '../tenant-state.ts';
import { sameString, type TenantUser } from '../user-directory.ts';

/** Brute-force block texts (docs/auth0-api.md §3.2). */
export const BLOCKED_AFTER_ATTEMPTS =
  "Your account has been blocked after multiple consecutive login attempts. We've sent you a notification via your preferred contact method with instructions on how to unblock it.";

export type DatabaseLoginOutcome =
  | { ok: true; user: TenantUser }
  | { ok: false; reason: 'wrong_credentials' | 'blocked_user' | 'too_many_attempts' | 'answered' };

/**
 * A database-connection login as every login surface shares it (token endpoint, /co/authenticate,
 * the login page): the same-user login limit, brute-force protection, then the password. The
 * caller turns the reason into its own documented error. `answered` = a 429 was already sent.
 */
export function authenticateDatabaseUser(
  tenant: TenantState,
  request: FastifyRequest,
  reply: FastifyReply,
  login: { connection: string; username: string; password: string; ip: string },
): DatabaseLoginOutcome {
  const { ip, username } = login;
  // Same-user login limit: one IP, one account, successes and failures alike (docs/auth0-api.md §4.5).
  if (!enforceLimit(request, reply, 'same_user_login', `${ip}\u0000${username.toLowerCase()}`))
    return { ok: false, reason: 'answered' };
  if (tenant.bruteForce.isBlocked(ip, username)) return { ok: false, reason: 'too_many_attempts' };
  const user = tenant.users.byLogin(login.connection, username);
  if (!user?.password || !sameString(user.password, login.password)) {
    tenant.bruteForce.recordFailure(ip, username);
    return { ok: false, reason: 'wrong_credentials' };
  }
  tenant.bruteForce.recordSuccess(ip, username);
  if (user.blocked) return { ok: false, reason: 'blocked_user' };
  return { ok: true, user };
}
