import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import type { Finding } from '../../lib/k6-and-node/result-protocol.ts';
import { readRawResults } from '../../reports/raw-results.ts';
import type { RunSummary } from '../../reports/run-summary.ts';
import { startOidcProvider, type ProviderSetup, type RunningProvider } from './oidc-provider.ts';
import { runCli, type CliResult } from './run-cli.ts';

// For a test file proving a profile against one oidc-provider configuration: the provider, started
// before its tests and closed after, and CLI runs against it as a user would make them.

/**
 * oidc-provider's deviations from the RFCs that the oidc profile meets, each with its section: listed
 * as expected failures, so the runs stay green and the deviations visible.
 */
export const OIDC_PROVIDER_DEVIATIONS = [
  {
    checkId: 'token_error.grant_not_allowed.code.is_unauthorized_client',
    endpoint: 'POST /oauth/token',
    reason:
      'RFC 6749 §5.2 names unauthorized_client for a grant the client is not registered for; oidc-provider answers invalid_request "requested grant type is not allowed for this client"',
  },
];

export interface ProviderRun extends CliResult {
  summary: RunSummary;
  findings: Finding[];
}

export interface OidcProviderForSuite {
  provider: RunningProvider;
  /** `auth0-harness run conformance` against the provider, on the local engine. */
  run(profile: 'oidc' | 'auth0', expectedFailures?: typeof OIDC_PROVIDER_DEVIATIONS): Promise<ProviderRun>;
}

export function oidcProviderForSuite(setup: ProviderSetup, folderPrefix: string): OidcProviderForSuite {
  const dir = mkdtempSync(path.join(os.tmpdir(), folderPrefix));
  const configFile = path.join(dir, 'harness.json');
  const suite = {
    async run(profile, expectedFailures) {
      const out = path.join(dir, profile);
      const args = ['run', 'conformance', '--engine', 'local', '--target', suite.provider.issuer];
      args.push('--config', configFile, '--profile', profile, '--out', out);
      if (expectedFailures) {
        const file = path.join(dir, `expected-failures-${profile}.json`);
        writeFileSync(file, JSON.stringify({ expectedFailures }));
        args.push('--expected-failures', file);
      }
      const result = await runCli(args);
      const summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8')) as RunSummary;
      return { ...result, summary, findings: readRawResults(path.join(out, 'raw')).findings };
    },
  } as OidcProviderForSuite;
  before(async () => {
    suite.provider = await startOidcProvider(setup);
    writeFileSync(configFile, JSON.stringify(suite.provider.harnessConfig));
  });
  after(async () => {
    await suite.provider?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return suite;
}

const cellName = (m: { endpoint: string; credential: string | null }) => `${m.endpoint} [${m.credential}]`;

/**
 * The matrix cells that are neither passed nor not applicable, by name, with their status and reason:
 * what a test compares with the cells the configuration does not offer.
 */
export function cellsNotPassed(summary: RunSummary): Record<string, string> {
  return Object.fromEntries(
    summary.matrix
      .filter((m) => m.status !== 'passed' && m.status !== 'not_applicable')
      .map((m) => [cellName(m), `${m.status}: ${m.reason ?? ''}`]),
  );
}

/** The JOSE header of an access token the provider issues by client_credentials for the API. */
export async function providerAccessTokenHeader(provider: RunningProvider): Promise<Record<string, unknown>> {
  const discovery = (await (await fetch(`${provider.issuer}/.well-known/openid-configuration`)).json()) as {
    token_endpoint: string;
  };
  const client = provider.harnessConfig.clients.client_secret_post!;
  const res = await fetch(discovery.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      resource: provider.harnessConfig.audience,
      client_id: client.clientId,
      client_secret: client.clientSecret,
    }),
  });
  const { access_token } = (await res.json()) as { access_token: string };
  return JSON.parse(Buffer.from(access_token.split('.')[0], 'base64url').toString('utf8'));
}

/** The provider's JWKS, as it publishes it. */
export async function providerJwks(provider: RunningProvider): Promise<{ keys: Record<string, unknown>[] }> {
  const discovery = (await (await fetch(`${provider.issuer}/.well-known/openid-configuration`)).json()) as {
    jwks_uri: string;
  };
  return (await (await fetch(discovery.jwks_uri)).json()) as { keys: Record<string, unknown>[] };
}
