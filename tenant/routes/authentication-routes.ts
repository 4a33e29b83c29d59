import type { FastifyInstance } from 'fastify';
import { controlRoutes } from './control.ts';
import { discoveryRoutes } from './discovery.ts';
import { tokenRoutes } from './token.ts';

/** Every route the tenant serves: the Authentication API endpoints and the loopback control API. */
export function authenticationRoutes(app: FastifyInstance): void {
  controlRoutes(app);
  discoveryRoutes(app);
  tokenRoutes(app);
}
