import type { z } from 'zod';
import { defineCheck, describeValue, expectThat, fail, notRun } from '../check.ts';
import { jsonBody, type Exchange, type RecordedResponse } from '../exchange.ts';
import { jsonContentType } from '../http/json-content-type.ts';
import { statusCheck } from '../http/status.ts';
import { AUTH0, OPENID, rfc } from '../references.ts';
import { DiscoveryDocument } from '../schemas/discovery.ts';
import { Auth0SigningKey, JsonWebKeySet, PUBLIC_KEY_MEMBERS } from '../schemas/jwks.ts';
import { describeIssues } from '../schemas/describe-issues.ts';
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
  title: 'The JWKS is an object whose keys array lists at least one key, each naming its kty.',
  schema: JsonWebKeySet,
});

type JwkObject = Record<string, unknown> & { kid?: unknown; kty?: unknown };

/** The JWKS's keys, or undefined when the body has no keys array to inspect. */
function jwksKeys(response: RecordedResponse): JwkObject[] | undefined {
  const keys = jsonObject(response)?.keys;
  return Array.isArray(keys) ? keys.filter((k): k is JwkObject => Boolean(k) && typeof k === 'object') : undefined;
}
const NO_KEYS = 'no JWKS key list to inspect: the body has no "keys" array';
const keyName = (key: JwkObject, i: number): string =>
  `key ${typeof key.kid === 'string' ? JSON.stringify(key.kid) : `#${i}`} (${describeValue(key.kty)})`;

/** The keys that break a schema, each named with what is wrong with it. */
function keyProblems(keys: JwkObject[], schemaFor: (key: JwkObject) => z.ZodType | undefined): string[] {
  return keys.flatMap((key, i) => {
    const schema = schemaFor(key);
    const parsed = schema?.safeParse(key);
    return parsed && !parsed.success ? [`${keyName(key, i)}: ${describeIssues(parsed.error)}`] : [];
  });
}

// RFC 7517 §5: a reader ignores keys of a kty it does not know; RSA, EC and OKP keys must be usable.
const jwksKeyMembers = defineCheck<Exchange>({
  id: 'jwks.keys.members_fit_kty',
  ref: rfc(7518, '6'),
  severity: 'failure',
  title:
    'Each RSA, EC and OKP key carries the public members its kty requires (RFC 7518 §6.3.1, §6.2.1; RFC 8037 §2), sized for its curve, RSA moduli of 2048 bits or more (RFC 7518 §3.3).',
  run: ({ response }) => {
    const keys = jwksKeys(response);
    if (!keys) return notRun(NO_KEYS);
    const problems = keyProblems(keys, (key) => PUBLIC_KEY_MEMBERS[String(key.kty)]);
    return expectThat(problems.length === 0, () => problems.join('; '));
  },
});

// docs/auth0-api.md §2.4: Auth0 signs with RSA keys only and names each in tokens by kid. Standard
// providers may publish EC and OKP keys and leave kid out, so this is the auth0 profile's rule.
export const jwksAuth0RsaKeys = defineCheck<Exchange>({
  id: 'jwks.keys.are_rsa_with_kid',
  ref: AUTH0.jsonWebKeySetProperties,
  severity: 'failure',
  title: 'Every JWKS key is an RSA signing key with kid, n and e, as Auth0 publishes them.',
  run: ({ response }) => {
    const keys = jwksKeys(response);
    if (!keys) return notRun(NO_KEYS);
    const problems = keyProblems(keys, () => Auth0SigningKey);
    return expectThat(keys.length > 0 && problems.length === 0, () =>
      keys.length === 0 ? 'the JWKS lists no key' : problems.join('; '),
    );
  },
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
    const keys = jwksKeys(response);
    if (!keys) return notRun(NO_KEYS);
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
  jwks: [statusCheck('jwks.status.is_200', rfc(7517, '5')), jsonContentType, jwksSchema, jwksKeyMembers],
  auth0Jwks: [jwksAuth0RsaKeys, jwksCarriesCertificates],
};
