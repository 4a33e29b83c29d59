import assert from 'node:assert/strict';
import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, it } from 'node:test';
import type { JSONWebKeySet } from 'jose';
import { grantTypeMatches } from '../../checks/token/access-token-claims.ts';
import { subjectIsClientAtClients } from '../../checks/token/client-credentials-claims.ts';
import { signatureValid } from '../../checks/token/signature.ts';
import { audienceContains, issuerEqualsTenant, lifetimeIsValid } from '../../checks/token/standard-claims.ts';
import { signingRules } from '../../checks/token/signing-rules.ts';
import { tokenUnderTest, type TokenExpectations } from '../../checks/token/token-under-test.ts';

const b64 = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');

function keyPair(kid: string) {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    kid,
    privateKey,
    jwk: { ...(publicKey.export({ format: 'jwk' }) as object), kid, alg: 'RS256', use: 'sig' },
  };
}

const tenantKey = keyPair('tenant-key');
const otherKey = keyPair('tenant-key'); // same kid, different key: a forged signature
const jwks = { keys: [tenantKey.jwk] } as JSONWebKeySet;

function jwt(
  payload: object,
  header: object = { alg: 'RS256', typ: 'JWT', kid: 'tenant-key' },
  key = tenantKey.privateKey,
): string {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`;
}

const now = Math.floor(Date.now() / 1000);
const expect: TokenExpectations = {
  issuer: 'https://tenant.example/',
  clientId: 'm2m',
  audience: 'https://api.example/',
  grantType: 'client-credentials',
  signing: signingRules('auth0', 'access_token'),
};
const goodClaims = {
  iss: 'https://tenant.example/',
  sub: 'm2m@clients',
  aud: 'https://api.example/',
  iat: now,
  exp: now + 3600,
  gty: 'client-credentials',
};
const at = (raw: string) => tokenUnderTest('access_token', raw, expect, jwks);

describe('access token checks', () => {
  it('access_token.signature.valid_against_jwks passes for a token signed by the JWKS key', async () => {
    assert.deepEqual(await signatureValid.access_token.run(at(jwt(goodClaims))), { ok: true });
  });

  it('access_token.signature.valid_against_jwks fails for a forged signature, alg none and an unknown kid', async () => {
    const forged = await signatureValid.access_token.run(at(jwt(goodClaims, undefined, otherKey.privateKey)));
    assert.equal(forged.ok, false);
    assert.match(forged.message ?? '', /signature verification failed/);
    const none = await signatureValid.access_token.run(
      at(`${b64({ alg: 'none', kid: 'tenant-key' })}.${b64(goodClaims)}.`),
    );
    assert.equal(none.ok, false);
    assert.match(none.message ?? '', /expected alg/);
    const unknownKid = await signatureValid.access_token.run(
      at(jwt(goodClaims, { alg: 'RS256', kid: 'rotated-away' })),
    );
    assert.equal(unknownKid.ok, false);
  });

  it('a token that is not a JWT fails every check with a clear message', async () => {
    const outcome = await issuerEqualsTenant.access_token.run(at('opaque-token'));
    assert.equal(outcome.ok, false);
    assert.match(outcome.message ?? '', /not a decodable JWT/);
  });

  it('access_token.iss.equals_issuer requires the trailing slash', () => {
    assert.deepEqual(issuerEqualsTenant.access_token.run(at(jwt(goodClaims))), { ok: true });
    const noSlash = issuerEqualsTenant.access_token.run(at(jwt({ ...goodClaims, iss: 'https://tenant.example' })));
    assert.deepEqual(noSlash, {
      ok: false,
      message: 'expected iss "https://tenant.example/", got "https://tenant.example"',
    });
  });

  it('access_token.aud.contains_audience accepts a string or an array holding the audience', () => {
    const check = audienceContains.access_token;
    assert.equal((check.run(at(jwt(goodClaims))) as { ok: boolean }).ok, true);
    assert.equal(
      (
        check.run(at(jwt({ ...goodClaims, aud: ['https://api.example/', 'https://tenant.example/userinfo'] }))) as {
          ok: boolean;
        }
      ).ok,
      true,
    );
    assert.equal((check.run(at(jwt({ ...goodClaims, aud: 'https://other.example/' }))) as { ok: boolean }).ok, false);
  });

  it('access_token.exp.valid_lifetime fails on expired tokens, exp before iat and iat in the future', () => {
    const check = lifetimeIsValid.access_token;
    assert.equal((check.run(at(jwt(goodClaims))) as { ok: boolean }).ok, true);
    assert.equal(
      (check.run(at(jwt({ ...goodClaims, iat: now - 7200, exp: now - 3600 }))) as { ok: boolean }).ok,
      false,
    );
    assert.equal((check.run(at(jwt({ ...goodClaims, exp: now - 10, iat: now }))) as { ok: boolean }).ok, false);
    assert.equal((check.run(at(jwt({ ...goodClaims, iat: now + 600, exp: now + 4000 }))) as { ok: boolean }).ok, false);
    assert.equal((check.run(at(jwt({ ...goodClaims, exp: String(now + 60) }))) as { ok: boolean }).ok, false);
  });

  it('client_credentials claims: sub is {client_id}@clients and gty is client-credentials', () => {
    assert.equal((subjectIsClientAtClients.run(at(jwt(goodClaims))) as { ok: boolean }).ok, true);
    assert.equal((subjectIsClientAtClients.run(at(jwt({ ...goodClaims, sub: 'm2m' }))) as { ok: boolean }).ok, false);
    assert.equal((grantTypeMatches.run(at(jwt(goodClaims))) as { ok: boolean }).ok, true);
    assert.equal((grantTypeMatches.run(at(jwt({ ...goodClaims, gty: 'password' }))) as { ok: boolean }).ok, false);
  });
});
