import { defineCheck, describeValue, expectThat, fail, notRun } from '../check.ts';
import { jsonBody, type Exchange, type RecordedResponse } from '../exchange.ts';
import { jsonContentType } from '../http/json-content-type.ts';
import { statusCheck } from '../http/status.ts';
import { AUTH0, OPENID, rfc } from '../references.ts';
import { DiscoveryDocument } from '../schemas/discovery.ts';
import { JsonWebKeySet } from '../schemas/jwks.ts';
import { mtlsEndpointAliasesAreHttps } from '../schemas/mtls-endpoint-aliases.ts';
import { schemaCheck } from '../schemas/schema-check.ts';

/** The body as a JSON object, or undefined: a check that reads a field has nothing to judge without one. */
function jsonObject(response: RecordedResponse): Record<string, unknown> | undefined {
  const body = jsonBody(response);
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
}

const NO_DOCUMENT = 'no discovery document to read: the response body is not a JSON object';

export const discoverySchema = schemaCheck({
  id: 'discovery.schema',
  ref: OPENID.providerMetadata,
  title: 'Discovery has issuer, the endpoints and the supported-values lists.',
  schema: DiscoveryDocument,
});

export const discoveryIssuerMatches = defineCheck<Exchange>({
  id: 'discovery.issuer.equals_configured_issuer',
  ref: OPENID.providerConfigurationValidation,
  severity: 'failure',
  title: "Discovery's issuer is exactly the tenant issuer, with its trailing slash.",
  run: ({ response, expect }) => {
    if (!expect?.issuer) return fail('the harness did not say which issuer to expect');
    const document = jsonObject(response);
    if (!document) return notRun(NO_DOCUMENT);
    const seen = document.issuer;
    return expectThat(
      seen === expect.issuer,
      () => `expected issuer ${describeValue(expect.issuer)}, got ${describeValue(seen)}`,
    );
  },
});

// One Auth0 discovery sample lists plain, the API reference S256 only; S256 must be there
// (docs/auth0-api.md §2.5, §7.9).
export const discoveryOffersS256 = defineCheck<Exchange>({
  id: 'discovery.code_challenge_methods.include_s256',
  ref: rfc(7636, '4.2'),
  severity: 'failure',
  title: 'code_challenge_methods_supported, when listed, includes S256.',
  run: ({ response }) => {
    const document = jsonObject(response);
    if (!document) return notRun(NO_DOCUMENT);
    const methods = document.code_challenge_methods_supported;
    // Discovery may leave the list out (OIDC Discovery §3): then there is nothing to hold to the rule.
    if (methods === undefined) return notRun('the discovery document does not list code_challenge_methods_supported');
    return expectThat(
      Array.isArray(methods) && methods.includes('S256'),
      () => `expected S256 among ${describeValue(methods)}`,
    );
  },
});

export const jwksSchema = schemaCheck({
  id: 'jwks.schema',
  ref: rfc(7517, '5'),
  title: 'The JWKS lists RSA signing keys, each with kid, n and e.',
  schema: JsonWebKeySet,
});

// Auth0 publishes each signing key with its certificate chain (x5c) and thumbprint (x5t), which SDKs
// that pin certificates use (docs/auth0-api.md §2.4). Standard JWKS need neither (RFC 7517 §4.7), so
// this is the auth0 profile's rule.
export const jwksCarriesCertificates = defineCheck<Exchange>({
  id: 'jwks.keys.carry_x5c_and_x5t',
  ref: AUTH0.jsonWebKeySetProperties,
  severity: 'failure',
  title: 'Every JWKS key carries its certificate chain (x5c) and SHA-1 thumbprint (x5t).',
  run: ({ response }) => {
    const keys = jsonObject(response)?.keys as { kid?: string; x5c?: unknown; x5t?: unknown }[] | undefined;
    if (!Array.isArray(keys)) return notRun('no JWKS key list to inspect: the body has no "keys" array');
    const bare = keys.filter((k) => !Array.isArray(k.x5c) || k.x5c.length === 0 || typeof k.x5t !== 'string');
    return expectThat(
      keys.length > 0 && bare.length === 0,
      () => `keys without x5c/x5t: ${describeValue(bare.map((k) => k.kid))}`,
    );
  },
});

export const discoveryCheckSets = {
  discovery: [
    statusCheck('discovery.status.is_200', OPENID.providerConfigurationResponse),
    jsonContentType,
    discoverySchema,
    discoveryIssuerMatches,
    discoveryOffersS256,
    mtlsEndpointAliasesAreHttps,
  ],
  jwks: [statusCheck('jwks.status.is_200', rfc(7517, '5')), jsonContentType, jwksSchema],
  auth0Jwks: [jwksCarriesCertificates],
};
