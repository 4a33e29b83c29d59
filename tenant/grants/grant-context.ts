import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Application } from '../materialise-fixture.ts';
import type { TenantState } from '../tenant-state.ts';

/** What every /oauth/token grant handler receives: the authenticated client and the parameters. */
export interface GrantContext {
  tenant: TenantState;
  request: FastifyRequest;
  reply: FastifyReply;
  params: Record<string, unknown>;
  client: Application;
  /** True when the client proved itself (secret, assertion, certificate), false for public clients. */
  authenticated: boolean;
  certificateThumbprint?: string;
}

/** Token responses are never cached (RFC 6749 §5.1). */
export function sendTokens(reply: FastifyReply, body: object): FastifyReply {
  return reply.headers({ 'cache-control': 'no-store', pragma: 'no-cache' }).send(body);
}
