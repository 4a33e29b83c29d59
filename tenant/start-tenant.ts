import Fastify from 'fastify';
import type { AddressInfo } from 'node:net';
import type { HarnessConfigInput } from '../lib/k6-and-node/harness-config.ts';
import { defaultFixtureInput } from './default-fixture.ts';
import { Faults, FaultSettings } from './faults/faults.ts';
import { parseFixture, type TenantFixtureInput } from './fixture.ts';
import { harnessConfigFor } from './harness-config-for.ts';
import { registerFaultHooks } from './http/fault-hooks.ts';
import { startMtlsListener, type MtlsListener } from './http/mtls-listener.ts';
import { registerRateLimiting } from './http/rate-limit-hooks.ts';
import { BODY_LIMIT_BYTES, registerBodyParsing } from './http/request-bodies.ts';
import { materialiseFixture, type TenantFixture } from './materialise-fixture.ts';
import type { LimitOverrides, Plan } from './rate-limit/rate-limit-settings.ts';
import { authenticationRoutes } from './routes/authentication-routes.ts';
import { generateSigningKey, newRsaKeyPair } from './signing-keys.ts';
import { TenantState } from './tenant-state.ts';

export interface TenantOptions {
  port?: number;
  host?: string;
  /** Public base URL (custom domain, proxy): the `iss` of every token and the base of discovery. */
  issuer?: string;
  /** Tenant fixture (JSON shape of `--config`); the built-in default when absent. */
  fixture?: TenantFixtureInput;
  /** Enables fault injection (control API PUT /__tenant/faults); `true` starts with none active. */
  faults?: boolean | FaultSettings;
  /** Rate-limit plan and overrides, on top of the fixture's. */
  rateLimits?: { plan?: Plan; overrides?: LimitOverrides };
  /**
   * Also serves discovery's mTLS endpoint aliases over HTTPS, authenticating clients by the certificate
   * in the TLS handshake (RFC 8705); `true` listens on a free port.
   */
  https?: boolean | { port: number };
}

export interface RunningTenant {
  url: string;
  issuer: string;
  /** The mTLS listener's base URL (https://…), when `https` started it. */
  mtlsUrl?: string;
  fixture: TenantFixture;
  /** The harness configuration that matches this tenant: clients, secrets, keys, users, control URL. */
  harnessConfig(): HarnessConfigInput;
  close(): Promise<void>;
}

export async function startTenant(options: TenantOptions = {}): Promise<RunningTenant> {
  const host = options.host ?? '127.0.0.1';
  // The signing key's certificate names the issuer, known once the port is: its key pair is made meanwhile.
  const signingKeyPair = newRsaKeyPair();
  const fixture = await materialiseFixture(parseFixture(options.fixture ?? defaultFixtureInput()));
  const faultSettings =
    options.faults === undefined || typeof options.faults === 'boolean' ? {} : FaultSettings.parse(options.faults);
  const state = new TenantState(
    fixture,
    new Faults(options.faults !== undefined && options.faults !== false, faultSettings),
  );
  if (options.rateLimits)
    state.limiter.configure(options.rateLimits.plan, {
      ...fixture.rateLimits.overrides,
      ...options.rateLimits.overrides,
    });

  const app = Fastify({ logger: false, bodyLimit: BODY_LIMIT_BYTES, trustProxy: false });
  app.decorate('tenant', state);
  await registerBodyParsing(app);
  registerFaultHooks(app);
  registerRateLimiting(app);
  authenticationRoutes(app);

  try {
    await app.listen({ port: options.port ?? 0, host });
  } catch (error) {
    // A busy port (EADDRINUSE) and the like: nothing is left open, the caller words it for its user.
    await app.close();
    throw error;
  }
  const { port } = app.server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  state.url = url;
  state.issuer = (options.issuer ?? url).replace(/\/*$/, '/');
  state.keys.push(await generateSigningKey(new URL(state.issuer).host, signingKeyPair));
  let mtls: MtlsListener | undefined;
  if (options.https) {
    try {
      mtls = await startMtlsListener(
        app,
        host,
        options.https === true ? 0 : options.https.port,
        fixture.certificateAuthority,
      );
    } catch (error) {
      await app.close();
      throw error;
    }
    state.mtlsUrl = mtls.url;
  }

  return {
    url,
    issuer: state.issuer,
    mtlsUrl: mtls?.url,
    fixture,
    harnessConfig: () => harnessConfigFor(fixture, url, state.issuer, mtls?.url),
    close: async () => {
      await mtls?.close();
      await app.close();
    },
  };
}
