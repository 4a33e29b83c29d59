import formBody from '@fastify/formbody';
import Fastify from 'fastify';
import type { AddressInfo } from 'node:net';
import type { HarnessConfigInput } from '../lib/harness-config.ts';
import { defaultFixture, type TenantFixture } from './fixture.ts';
import { discoveryRoutes } from './routes/discovery.ts';
import { tokenRoutes } from './routes/token.ts';
import { sendOAuthError } from './oauth-error.ts';
import { generateSigningKey } from './signing-keys.ts';
import type { TenantState } from './tenant-state.ts';

export interface TenantOptions {
  port?: number;
  host?: string;
  /** Public base URL (custom domain, proxy): the `iss` of every token and the base of discovery. */
  issuer?: string;
  fixture?: TenantFixture;
}

export interface RunningTenant {
  url: string;
  issuer: string;
  fixture: TenantFixture;
  /** The harness configuration that matches this tenant: clients, secrets, audience. */
  harnessConfig(): HarnessConfigInput;
  close(): Promise<void>;
}

export async function startTenant(options: TenantOptions = {}): Promise<RunningTenant> {
  const host = options.host ?? '127.0.0.1';
  const fixture = options.fixture ?? defaultFixture();
  const app = Fastify({ logger: false });
  await app.register(formBody);
  app.setErrorHandler((error: { statusCode?: number; message: string }, _request, reply) => {
    const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 500;
    if (status >= 500) return sendOAuthError(reply, 500, 'server_error', 'Internal error');
    return sendOAuthError(reply, status, 'invalid_request', error.message);
  });

  const state: TenantState = {
    issuer: '',
    fixture,
    keys: [generateSigningKey()],
    findClient: (id) => fixture.applications.find((a) => a.clientId === id),
  };
  discoveryRoutes(app, state);
  tokenRoutes(app, state);

  await app.listen({ port: options.port ?? 0, host });
  const { port } = app.server.address() as AddressInfo;
  const url = `http://${host}:${port}`;
  state.issuer = (options.issuer ?? url).replace(/\/*$/, '/');

  const client = (method: string) => {
    const app = fixture.applications.find((a) => a.tokenEndpointAuthMethod === method && a.clientSecret);
    return app ? { clientId: app.clientId, clientSecret: app.clientSecret as string } : undefined;
  };
  return {
    url,
    issuer: state.issuer,
    fixture,
    harnessConfig: () => ({
      baseUrl: url,
      issuer: state.issuer,
      audience: fixture.apis[0].identifier,
      profile: 'auth0',
      clients: { client_secret_post: client('client_secret_post'), client_secret_basic: client('client_secret_basic') },
    }),
    close: () => app.close(),
  };
}
