import type { JWK } from 'jose';
import { defineCheck, describeValue, expectThat, fail, notRun, type Check, type CheckOutcome } from '../check.ts';
import { rfc } from '../references.ts';
import type { PerTokenKind } from './claim-check.ts';
import type { TokenKind, TokenUnderTest } from './token-under-test.ts';

// The key a token's kid picks from the JWKS must be one for verifying signatures, of the token's
// algorithm (RFC 7517 §4.2 use, §4.3 key_ops, §4.4 alg; docs/auth0-api.md §2.4: Auth0 publishes
// use "sig" and the alg). A verifier that honours them (jose does) refuses such a token with "no
// applicable key"; these checks say which parameter is wrong.

function pickedKey(token: TokenUnderTest): JWK | CheckOutcome {
  if (!token.header) return fail(`the ${token.kind} is not a decodable JWT (${token.decodeError ?? 'no header'})`);
  if (!token.jwks) return notRun(token.jwksMissing ?? 'no JWKS was available to pick the key from');
  const kid = token.header.kid;
  if (!kid) return notRun('the token header has no kid to pick a key by (the signature check reports it)');
  const key = token.jwks.keys.find((k) => k.kid === kid);
  return key ?? notRun(`no key in the JWKS has kid ${describeValue(kid)} (the signature check reports it)`);
}

function keyCheck(
  id: string,
  kind: TokenKind,
  title: string,
  ref: string,
  rule: (key: JWK, token: TokenUnderTest) => CheckOutcome,
): Check<TokenUnderTest> {
  return defineCheck({
    id,
    ref,
    severity: 'failure',
    title: `The JWKS key the ${kind}'s kid picks ${title}.`,
    run(token) {
      const key = pickedKey(token);
      return 'ok' in key ? key : rule(key as JWK, token);
    },
  });
}

const forSignatures = (id: string, kind: TokenKind) =>
  keyCheck(
    id,
    kind,
    'is a signature key: use "sig" and key_ops with "verify", where given',
    rfc(7517, '4.2'),
    (key) => {
      if (key.use !== undefined && key.use !== 'sig')
        return fail(`the key ${key.kid} has use ${describeValue(key.use)}, not "sig"`);
      return expectThat(
        key.key_ops === undefined || key.key_ops.includes('verify'),
        () => `the key ${key.kid} has key_ops ${describeValue(key.key_ops)}, without "verify"`,
      );
    },
  );

const ofHeaderAlg = (id: string, kind: TokenKind) =>
  keyCheck(id, kind, "names the token header's alg, where it names one", rfc(7517, '4.4'), (key, token) =>
    expectThat(
      key.alg === undefined || key.alg === token.header?.alg,
      () =>
        `the key ${key.kid} is for alg ${describeValue(key.alg)}; the token header says ${describeValue(token.header?.alg)}`,
    ),
  );

export const signingKeyForSignatures: PerTokenKind = {
  access_token: forSignatures('access_token.signing_key.is_for_signatures', 'access_token'),
  id_token: forSignatures('id_token.signing_key.is_for_signatures', 'id_token'),
};

export const signingKeyOfHeaderAlg: PerTokenKind = {
  access_token: ofHeaderAlg('access_token.signing_key.alg_matches_header', 'access_token'),
  id_token: ofHeaderAlg('id_token.signing_key.alg_matches_header', 'id_token'),
};
