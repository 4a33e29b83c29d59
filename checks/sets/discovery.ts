import { defineCheck, describeValue, expectThat, type Check } from '../check.ts';
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

export const discoveryIssuerMatches = (issuer: string): Check<Exchange> =>
  defineCheck({
    id: 'discovery.issuer.equals_configured_issuer',
    ref: 'OIDC-Discovery-4.3, auth0-spec §2.2',
    severity: 'failure',
    title: "Discovery's issuer is exactly the tenant issuer, with its trailing slash.",
    run: ({ response }) => {
      const seen = (jsonBody(response) as { issuer?: unknown } | undefined)?.issuer;
      return expectThat(seen === issuer, () => `expected issuer ${describeValue(issuer)}, got ${describeValue(seen)}`);
    },
  });

export const jwksSchema = schemaCheck({
  id: 'jwks.schema',
  ref: 'RFC7517-5, auth0-spec §2.4',
  title: 'The JWKS lists RSA signing keys, each with kid, n and e.',
  schema: JsonWebKeySet,
});

export const discoveryCheckSets = {
  discovery: (issuer: string) => [statusCheck('discovery', 200, 'OIDC-Discovery-4.2'), jsonContentType, discoverySchema, discoveryIssuerMatches(issuer)],
  jwks: [statusCheck('jwks', 200, 'RFC7517-5'), jsonContentType, jwksSchema],
};
