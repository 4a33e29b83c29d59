import { compactVerify, createLocalJWKSet, type JSONWebKeySet } from 'jose';
import { defineCheck, fail, notRun, pass, type Check } from '../check.ts';
import { OPENID, rfc } from '../references.ts';
import type { PerTokenKind } from './claim-check.ts';
import type { TokenKind, TokenUnderTest } from './token-under-test.ts';

// Auth0 signs with RS256 (recommended) or PS256 (docs/auth0-api.md §2.2, after Auth0's signing
// algorithms page); HS256 ID tokens are verified with the client secret by a separate check. "none"
// and anything else is refused.
export const ASYMMETRIC_ALGORITHMS = ['RS256', 'PS256'];

// One imported key set per JWKS document: keys are imported once and reused (jose caches per set).
const keySets = new Map<string, ReturnType<typeof createLocalJWKSet>>();

function keySetFor(jwks: JSONWebKeySet): ReturnType<typeof createLocalJWKSet> {
  const cacheKey = JSON.stringify(jwks);
  let set = keySets.get(cacheKey);
  if (!set) {
    set = createLocalJWKSet(jwks);
    keySets.set(cacheKey, set);
  }
  return set;
}

function signatureCheck(id: string, kind: TokenKind, ref: string): Check<TokenUnderTest> {
  return defineCheck({
    id,
    ref,
    severity: 'failure',
    title: `The ${kind} is signed with an allowed algorithm by a key in the tenant's JWKS, selected by kid.`,
    async run(token) {
      if (!token.header) return fail(`the ${kind} is not a decodable JWT (${token.decodeError ?? 'no header'})`);
      if (!token.jwks) return notRun(token.jwksMissing ?? 'no JWKS was available to verify against');
      const alg = token.header.alg ?? '';
      if (!ASYMMETRIC_ALGORITHMS.includes(alg))
        return fail(`expected alg ${ASYMMETRIC_ALGORITHMS.join(' or ')}, got ${JSON.stringify(alg)}`);
      if (!token.header.kid) return fail('the token header has no kid to select a key from the JWKS');
      try {
        await compactVerify(token.raw, keySetFor(token.jwks), { algorithms: ASYMMETRIC_ALGORITHMS });
        return pass();
      } catch (error) {
        const code = (error as { code?: string }).code ?? 'ERR';
        return fail(
          `signature verification failed (${code}: ${(error as Error).message}) for kid ${JSON.stringify(token.header.kid)}`,
        );
      }
    },
  });
}

// RFC 9068 §4 and OIDC Core §3.1.3.7 (6): verified with the issuer's keys from its jwks_uri.
export const signatureValid: PerTokenKind = {
  access_token: signatureCheck('access_token.signature.valid_against_jwks', 'access_token', rfc(9068, '4')),
  id_token: signatureCheck('id_token.signature.valid_against_jwks', 'id_token', OPENID.idTokenValidation),
};
