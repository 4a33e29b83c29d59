import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { ApplicationFixture } from './fixture.ts';

export type ClientAuthResult = { ok: true; client: ApplicationFixture } | { ok: false };

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function basicCredentials(request: FastifyRequest): { id: string; secret: string } | undefined {
  const header = request.headers.authorization;
  if (!header?.startsWith('Basic ')) return undefined;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
}

/** Client authentication by secret, in the body or as HTTP Basic (spec §5). */
export function authenticateClient(
  request: FastifyRequest,
  body: Record<string, unknown>,
  findClient: (id: string) => ApplicationFixture | undefined,
): ClientAuthResult {
  const basic = basicCredentials(request);
  const clientId = basic?.id ?? (typeof body.client_id === 'string' ? body.client_id : undefined);
  const presented = basic?.secret ?? (typeof body.client_secret === 'string' ? body.client_secret : undefined);
  const client = clientId ? findClient(clientId) : undefined;
  if (!client?.clientSecret || presented === undefined || !sameSecret(presented, client.clientSecret)) return { ok: false };
  return { ok: true, client };
}
