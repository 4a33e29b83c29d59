import type { JSONWebKeySet } from 'jose';
import { jsonBody } from '../../checks/exchange.ts';
import { discoveryCheckSets } from '../../checks/sets/discovery.ts';
import type { Profile } from '../conformance-matrix.ts';
import type { HarnessConfig } from '../harness-config.ts';
import { recordChecks } from '../record-checks.ts';
import { sendRequest } from '../send-request.ts';

/** Endpoints a flow may call, by the discovery field that announces each. */
export type EndpointName =
  | 'authorization_endpoint'
  | 'token_endpoint'
  | 'revocation_endpoint'
  | 'pushed_authorization_request_endpoint'
  | 'device_authorization_endpoint'
  | 'backchannel_authentication_endpoint'
  | 'userinfo_endpoint'
  | 'registration_endpoint'
  | 'end_session_endpoint'
  | 'mfa_challenge_endpoint';

// Auth0 serves these at fixed paths whether or not discovery lists them (docs/auth0-api.md §1); the oidc profile
// knows only what discovery announces.
const AUTH0_PATHS: Record<EndpointName, string> = {
  authorization_endpoint: '/authorize',
  token_endpoint: '/oauth/token',
  revocation_endpoint: '/oauth/revoke',
  pushed_authorization_request_endpoint: '/oauth/par',
  device_authorization_endpoint: '/oauth/device/code',
  backchannel_authentication_endpoint: '/bc-authorize',
  userinfo_endpoint: '/userinfo',
  registration_endpoint: '/oidc/register',
  end_session_endpoint: '/oidc/logout',
  mfa_challenge_endpoint: '/mfa/challenge',
};

export interface TenantMetadata {
  /** The issuer discovery announced. */
  issuer?: string;
  jwks: JSONWebKeySet;
  /** URL of each endpoint the target offers. */
  endpoints: Partial<Record<EndpointName, string>>;
}

function endpointsOf(
  config: HarnessConfig,
  profile: Profile,
  metadata: Record<string, unknown>,
): Partial<Record<EndpointName, string>> {
  const out: Partial<Record<EndpointName, string>> = {};
  for (const name of Object.keys(AUTH0_PATHS) as EndpointName[]) {
    const announced = metadata[name];
    if (typeof announced === 'string') out[name] = announced;
    else if (profile === 'auth0') out[name] = `${config.baseUrl}${AUTH0_PATHS[name]}`;
  }
  return out;
}

/** Reads discovery and the JWKS, checking both; later flows verify tokens against this JWKS. */
export async function discoverTenant(config: HarnessConfig, profile: Profile): Promise<TenantMetadata | undefined> {
  const discoveryEndpoint = 'GET /.well-known/openid-configuration';
  const discovery = await sendRequest({
    endpoint: discoveryEndpoint,
    credential: 'none',
    method: 'GET',
    url: `${config.baseUrl}/.well-known/openid-configuration`,
    expectedStatuses: [200],
  });
  discovery.expect = { issuer: config.issuer };
  await recordChecks(
    { endpoint: discoveryEndpoint, credential: 'none' },
    discoveryCheckSets.discovery,
    discovery,
    discovery,
  );
  const metadata = (jsonBody(discovery.response) ?? {}) as Record<string, unknown>;

  const jwksEndpoint = 'GET /.well-known/jwks.json';
  const jwksResponse = await sendRequest({
    endpoint: jwksEndpoint,
    credential: 'none',
    method: 'GET',
    url: typeof metadata.jwks_uri === 'string' ? metadata.jwks_uri : `${config.baseUrl}/.well-known/jwks.json`,
    expectedStatuses: [200],
  });
  const jwksChecks =
    profile === 'auth0' ? [...discoveryCheckSets.jwks, ...discoveryCheckSets.auth0Jwks] : discoveryCheckSets.jwks;
  const jwksOk = await recordChecks(
    { endpoint: jwksEndpoint, credential: 'none' },
    jwksChecks,
    jwksResponse,
    jwksResponse,
  );
  if (!jwksOk) return undefined;
  return {
    issuer: typeof metadata.issuer === 'string' ? metadata.issuer : undefined,
    jwks: jsonBody(jwksResponse.response) as JSONWebKeySet,
    endpoints: endpointsOf(config, profile, metadata),
  };
}
