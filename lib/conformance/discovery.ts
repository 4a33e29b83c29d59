import type { JSONWebKeySet } from 'jose';
import { jsonBody, noResponse, type Exchange } from '../../checks/exchange.ts';
import { discoveryCheckSets } from '../../checks/sets/discovery.ts';
import type { AdvertisedAlgorithms } from '../../checks/token/signing-rules.ts';
import type { Profile } from '../k6-and-node/conformance-matrix.ts';
import type { HarnessConfig } from '../k6-and-node/harness-config.ts';
import { recordChecks, recordSkip } from '../record-checks.ts';
import type { CheckCell } from '../k6-and-node/result-protocol.ts';
import { sendRequest } from '../send-request.ts';
import { guarded } from './flow-guard.ts';

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
const AUTH0_JWKS_PATH = '/.well-known/jwks.json';

const DISCOVERY: CheckCell = { endpoint: 'GET /.well-known/openid-configuration', credential: 'none' };
const JWKS: CheckCell = { endpoint: 'GET /.well-known/jwks.json', credential: 'none' };

/**
 * What the flows run with from discovery and the JWKS. Either may have failed: the flows then use
 * what the configuration gives (issuer, Auth0's fixed paths) and the checks that need what is
 * missing are not run, saying why.
 */
export interface TenantMetadata {
  /** The issuer discovery announced; undefined when discovery gave none. */
  issuer?: string;
  /** Why discovery gave nothing to use (`discovery fetch failed: …`), when it did not. */
  discoveryMissing?: string;
  /** The JWKS tokens are verified against, when one was read. */
  jwks?: JSONWebKeySet;
  /** Why there is no JWKS (`JWKS fetch failed: …`), when there is none. */
  jwksMissing?: string;
  /** URL of each endpoint the target offers, as far as it is known. */
  endpoints: Partial<Record<EndpointName, string>>;
  /** discovery's mtls_endpoint_aliases (RFC 8705 §5): where mutual TLS clients send to these endpoints. */
  mtlsAliases?: Partial<Record<EndpointName, string>>;
  /** `grant_types_supported`, when discovery lists it. */
  grantTypes?: string[];
  /** The signing algorithms discovery advertises, for the oidc profile's signing rules. */
  algorithms: AdvertisedAlgorithms;
}

/** Why a fetched document cannot be used, or undefined when it can: no response, a status other than 200, not a JSON object. */
function unusable(what: string, exchange: Exchange): string | undefined {
  const missing = noResponse(exchange.response);
  if (missing !== undefined) return `${what} fetch failed: no response: ${missing}`;
  if (exchange.response.status !== 200) return `${what} fetch failed: it answered ${exchange.response.status}`;
  const body = jsonBody(exchange.response);
  if (!body || typeof body !== 'object' || Array.isArray(body))
    return `${what} fetch failed: the body is not a JSON object`;
  return undefined;
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

function mtlsAliasesOf(metadata: Record<string, unknown>): Partial<Record<EndpointName, string>> {
  const aliases = metadata.mtls_endpoint_aliases;
  if (!aliases || typeof aliases !== 'object') return {};
  const out: Partial<Record<EndpointName, string>> = {};
  for (const name of Object.keys(AUTH0_PATHS) as EndpointName[]) {
    const alias = (aliases as Record<string, unknown>)[name];
    if (typeof alias === 'string') out[name] = alias;
  }
  return out;
}

/** Why a flow cannot call an endpoint the tenant metadata has no URL for; `absenceMeans` what a document without it says. */
export function endpointUnknown(tenant: TenantMetadata, name: EndpointName, absenceMeans?: string): string {
  if (tenant.discoveryMissing) return `the ${name} is unknown: ${tenant.discoveryMissing}`;
  return `discovery announces no ${name}${absenceMeans ? ` (${absenceMeans})` : ''}`;
}

/**
 * Why a flow cannot use a grant: discovery lists grant_types_supported without it. Undefined when the
 * grant is listed or discovery lists no grants (Auth0 does not; the grant is then simply tried).
 */
export function grantNotAdvertised(tenant: TenantMetadata, grant: string): string | undefined {
  if (!tenant.grantTypes || tenant.grantTypes.includes(grant)) return undefined;
  return `the provider does not advertise the ${grant} grant (grant_types_supported: ${tenant.grantTypes.join(', ')})`;
}

/** A metadata list of strings, or undefined when discovery gives none. */
const stringList = (value: unknown): string[] | undefined =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined;

async function readDiscovery(config: HarnessConfig): Promise<Record<string, unknown> | string> {
  const discovery = await sendRequest({
    ...DISCOVERY,
    method: 'GET',
    url: `${config.baseUrl}/.well-known/openid-configuration`,
    expectedStatuses: [200],
  });
  discovery.expect = { issuer: config.issuer };
  await recordChecks(DISCOVERY, discoveryCheckSets.discovery, discovery, discovery, 'discovery');
  return unusable('discovery', discovery) ?? (jsonBody(discovery.response) as Record<string, unknown>);
}

async function readJwks(url: string, profile: Profile): Promise<JSONWebKeySet | string> {
  const jwks = await sendRequest({ ...JWKS, method: 'GET', url, expectedStatuses: [200] });
  const checks =
    profile === 'auth0' ? [...discoveryCheckSets.jwks, ...discoveryCheckSets.auth0Jwks] : discoveryCheckSets.jwks;
  await recordChecks(JWKS, checks, jwks, jwks, 'JWKS');
  const why = unusable('JWKS', jwks);
  if (why) return why;
  const body = jsonBody(jwks.response) as { keys?: unknown };
  // What was received is used as far as it goes: a key set the schema refuses (an EC key among RSA
  // ones) still verifies the tokens its keys signed.
  return Array.isArray(body.keys) ? (body as JSONWebKeySet) : 'JWKS fetch failed: the body has no "keys" array';
}

/**
 * Reads discovery and the JWKS, checking both; later flows verify tokens against this JWKS. Neither
 * failing stops the run: on the auth0 profile the endpoints are Auth0's fixed paths under baseUrl,
 * and each check or cell that needs what is missing says so.
 */
export async function discoverTenant(config: HarnessConfig, profile: Profile): Promise<TenantMetadata> {
  const discovery = await guarded('discovery', [DISCOVERY], () => readDiscovery(config));
  const discoveryMissing =
    typeof discovery === 'string' ? discovery : discovery ? undefined : 'discovery stopped with an exception';
  const metadata = typeof discovery === 'object' ? discovery : {};
  const tenant: TenantMetadata = {
    issuer: typeof metadata.issuer === 'string' ? metadata.issuer : undefined,
    discoveryMissing,
    endpoints: endpointsOf(config, profile, metadata),
    mtlsAliases: mtlsAliasesOf(metadata),
    grantTypes: stringList(metadata.grant_types_supported),
    algorithms: {
      idToken: stringList(metadata.id_token_signing_alg_values_supported),
      tokenEndpointAuth: stringList(metadata.token_endpoint_auth_signing_alg_values_supported),
    },
  };

  const jwksUri =
    typeof metadata.jwks_uri === 'string'
      ? metadata.jwks_uri
      : profile === 'auth0'
        ? `${config.baseUrl}${AUTH0_JWKS_PATH}`
        : undefined;
  if (!jwksUri) {
    tenant.jwksMissing = discoveryMissing
      ? `the jwks_uri is unknown: ${discoveryMissing}`
      : 'discovery announces no jwks_uri';
    recordSkip(JWKS, tenant.jwksMissing);
    return tenant;
  }
  const jwks = await guarded('JWKS', [JWKS], () => readJwks(jwksUri, profile));
  if (typeof jwks === 'object') tenant.jwks = jwks;
  else tenant.jwksMissing = jwks ?? 'the JWKS flow stopped with an exception';
  return tenant;
}
