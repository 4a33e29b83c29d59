import type { JSONWebKeySet } from 'jose';
import { jsonBody } from '../../checks/exchange.ts';
import { discoveryCheckSets } from '../../checks/sets/discovery.ts';
import type { HarnessConfig } from '../harness-config.ts';
import { recordChecks } from '../record-checks.ts';
import { sendRequest } from '../send-request.ts';

export interface TenantMetadata {
  tokenEndpoint: string;
  jwks: JSONWebKeySet;
}

/** Reads discovery and the JWKS, checking both; later flows verify tokens against this JWKS. */
export async function discoverTenant(config: HarnessConfig): Promise<TenantMetadata | undefined> {
  const discoveryEndpoint = 'GET /.well-known/openid-configuration';
  const discovery = await sendRequest({
    endpoint: discoveryEndpoint,
    credential: 'none',
    method: 'GET',
    url: `${config.baseUrl}/.well-known/openid-configuration`,
    expectedStatuses: [200],
  });
  await recordChecks({ endpoint: discoveryEndpoint, credential: 'none' }, discoveryCheckSets.discovery(config.issuer), discovery, discovery);
  const metadata = jsonBody(discovery.response) as { token_endpoint?: string; jwks_uri?: string } | undefined;

  const jwksEndpoint = 'GET /.well-known/jwks.json';
  const jwksResponse = await sendRequest({
    endpoint: jwksEndpoint,
    credential: 'none',
    method: 'GET',
    url: metadata?.jwks_uri ?? `${config.baseUrl}/.well-known/jwks.json`,
    expectedStatuses: [200],
  });
  const jwksOk = await recordChecks({ endpoint: jwksEndpoint, credential: 'none' }, discoveryCheckSets.jwks, jwksResponse, jwksResponse);
  if (!jwksOk) return undefined;
  return {
    tokenEndpoint: metadata?.token_endpoint ?? `${config.baseUrl}/oauth/token`,
    jwks: jsonBody(jwksResponse.response) as JSONWebKeySet,
  };
}
