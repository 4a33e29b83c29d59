import type { FastifyReply } from 'fastify';

/** Error shape A (spec §3.1): `{error, error_description}` with the documented status. */
export function sendOAuthError(reply: FastifyReply, status: number, error: string, description: string): FastifyReply {
  return reply.code(status).header('cache-control', 'no-store').send({ error, error_description: description });
}
