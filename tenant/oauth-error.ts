import type { FastifyReply } from 'fastify';
import { STATUS_CODES } from 'node:http';

/**
 * Error shape A (docs/auth0-api.md §3.1): `{error, error_description}` (+ extra fields such as mfa_token) with the
 * documented status. Deviations: `error.wrong_status` turns a 401 into a 400, `error.wrong_shape`
 * sends the Hapi shape E instead.
 */
export function sendOAuthError(
  reply: FastifyReply,
  status: number,
  error: string,
  description: string,
  extra: Record<string, unknown> = {},
): FastifyReply {
  const faults = reply.server.tenant.faults;
  const sentStatus = status === 401 && faults.has('error.wrong_status') ? 400 : status;
  reply.code(sentStatus).header('cache-control', 'no-store').header('pragma', 'no-cache');
  if (faults.has('error.wrong_shape'))
    return reply.send({ statusCode: sentStatus, error: STATUS_CODES[sentStatus] ?? 'Error', message: description });
  return reply.send({ error, error_description: description, ...extra });
}

/** Shape B (docs/auth0-api.md §3.1, §3.6): the database-connections error object. */
export function sendDbConnectionsError(
  reply: FastifyReply,
  status: number,
  name: string,
  code: string,
  description: unknown,
  extra: Record<string, unknown> = {},
): FastifyReply {
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .send({ name, code, description, ...extra, statusCode: status });
}

/** HTML error page: what Auth0 renders when it cannot redirect an error back (bad client or redirect_uri). */
export function sendErrorPage(reply: FastifyReply, status: number, error: string, description: string): FastifyReply {
  const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .send(
      `<!doctype html><html><head><title>Error</title></head><body><h1>${escape(error)}</h1><p id="error_description">${escape(description)}</p></body></html>`,
    );
}
