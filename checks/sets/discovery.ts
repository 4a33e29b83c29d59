import { defineCheck, describeValue, expectThat, fail } from '../check.ts';
import { jsonBody, type Exchange } from '../exchange.ts';
import { jsonContentType } from '../http/json-content-type.ts';
import { statusCheck } from '../http/status.ts';
import { DiscoveryDocument } from '../schemas/discovery.ts';
import { JsonWebKeySet } from '../schemas/jwks.ts';
import { schemaCheck } from '../schemas/schema-check.ts';

export const discoverySchema = schemaCheck({
  id: 'discovery.schema',
  ref: 'OIDC-Discovery-3, auth0-spec §2.5',
  title: 'Discovery has issuer, the endpoints and the supported-values lists.',
  schema: DiscoveryDocument,
});

export const discoveryIssuerMatches = defineCheck<Exchange>({
  id: 'discovery.issuer.equals_configured_issuer',
  ref: 'OIDC-Discovery-4.3, auth0-spec §2.2',
  severity: 'failure',
  title: "Discovery's issuer is exactly the tenant issuer, with its trailing slash.",
  run: ({ response, expect }) => {
    if (!expect?.issuer) return fail('the harness did not say which issuer to expect');
    const seen = (jsonBody(response) as { issuer?: unknown } | undefined)?.issuer;
    return expectThat(seen === expect.issuer, () => `expected issuer ${describeValue(expect.issuer)}, got ${describeValue(seen)}`);
  },
});

// Spec §7 item 9: one discovery sample lists plain, the API reference S256 only; S256 must be there.
export const discoveryOffersS256 = defineCheck<Exchange>({
  id: 'discovery.code_challenge_methods.include_s256',
  ref: 'RFC7636-4.2, auth0-spec §2.5, §7.9',
  severity: 'failure',
  title: 'code_challenge_methods_supported, when listed, includes S256.',
  run: ({ response }) => {
    const methods = (jsonBody(response) as { code_challenge_methods_supported?: unknown } | undefined)?.code_challenge_methods_supported;
    return expectThat(methods === undefined || (Array.isArray(methods) && methods.includes('S256')), () => `expected S256 among ${describeValue(methods)}`);
  },
});

export const jwksSchema = schemaCheck({
  id: 'jwks.schema',
  ref: 'RFC7517-5, auth0-spec §2.4',
  title: 'The JWKS lists RSA signing keys, each with kid, n and e.',
  schema: JsonWebKeySet,
});

export const discoveryCheckSets = {
  discovery: [statusCheck('discovery', 200, 'OIDC-Discovery-4.2'), jsonContentType, discoverySchema, discoveryIssuerMatches, discoveryOffersS256],
  jwks: [statusCheck('jwks', 200, 'RFC7517-5'), jsonContentType, jwksSchema],
};
