import { compactVerify, createLocalJWKSet, type JSONWebKeySet } from 'jose';
import { defineCheck, fail, notRun, pass, type Check } from '../check.ts';
import { OPENID, rfc } from '../references.ts';
import type { PerTokenKind } from './claim-check.ts';
import { runtimeCannotUse } from './runtime-algorithms.ts';
import type { TokenKind, TokenUnderTest } from './token-under-test.ts';

// A token is verified with the key of the issuer's JWKS that its header names (kid), or the one key
// that fits its alg, with an algorithm the profile accepts for the kind of token (signing-rules.ts):
// `none` and HMAC never are, nor an algorithm outside the profile's list.

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
    title: `The ${kind} is signed with an algorithm the profile accepts, by a key of the issuer's JWKS.`,
    async run(token) {
      if (!token.header) return fail(`the ${kind} is not a decodable JWT (${token.decodeError ?? 'no header'})`);
      if (!token.jwks) return notRun(token.jwksMissing ?? 'no JWKS was available to verify against');
      const rules = token.expect.signing;
      if (!rules) return fail('the harness did not say which signing algorithms to accept');
      const alg = token.header.alg ?? '';
      if (!rules.algorithms.includes(alg))
        return fail(`expected alg ${rules.algorithms.join(', ')} (${rules.source}), got ${JSON.stringify(alg)}`);
      if (rules.kidRequired && !token.header.kid)
        return fail('the token header has no kid to select a key from the JWKS');
      const cannot = await runtimeCannotUse(alg);
      if (cannot) return notRun(`${cannot}: the signature was not verified; run with --engine local to verify it`);
      try {
        await compactVerify(token.raw, keySetFor(token.jwks), { algorithms: rules.algorithms });
        return pass();
      } catch (error) {
        const code = (error as { code?: string }).code ?? 'ERR';
        const key = token.header.kid ? `kid ${JSON.stringify(token.header.kid)}` : `the ${alg} key (no kid)`;
        return fail(`signature verification failed (${code}: ${(error as Error).message}) for ${key}`);
      }
    },
  });
}

// RFC 9068 §4 and OIDC Core §3.1.3.7 (6): verified with the issuer's keys from its jwks_uri.
export const signatureValid: PerTokenKind = {
  access_token: signatureCheck('access_token.signature.valid_against_jwks', 'access_token', rfc(9068, '4')),
  id_token: signatureCheck('id_token.signature.valid_against_jwks', 'id_token', OPENID.idTokenValidation),
};
