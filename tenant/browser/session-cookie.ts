import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Session, TenantState } from '../tenant-state.ts';

// The login session Universal Login keeps in a cookie, so /authorize with prompt=none (silent
// authentication) and a second login can skip the form.
const SESSION_COOKIE = 'auth0';
const SESSION_TTL_MS = 3 * 24 * 3600 * 1000;

export function readSession(tenant: TenantState, request: FastifyRequest): Session | undefined {
  const cookies = request.headers.cookie ?? '';
  const match = new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=([^;]+)`).exec(cookies);
  return match ? tenant.sessions.get(match[1]) : undefined;
}

export function startSession(tenant: TenantState, reply: FastifyReply, userId: string): Session {
  const session = { sid: randomBytes(16).toString('base64url'), userId, authTime: Math.floor(Date.now() / 1000) };
  tenant.sessions.set(session.sid, session, SESSION_TTL_MS);
  reply.header(
    'set-cookie',
    `${SESSION_COOKIE}=${session.sid}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${SESSION_TTL_MS / 1000}`,
  );
  return session;
}

export function endSession(tenant: TenantState, request: FastifyRequest, reply: FastifyReply): Session | undefined {
  const session = readSession(tenant, request);
  if (session) tenant.sessions.delete(session.sid);
  reply.header('set-cookie', `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`);
  return session;
}
