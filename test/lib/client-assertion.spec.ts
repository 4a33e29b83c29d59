import assert from 'node:assert/strict';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { describe, it } from 'node:test';
import { createLocalJWKSet, jwtVerify } from 'jose';
import {
  assertionAlgorithm,
  signClientAssertion,
  withAssertionAlgorithm,
} from '../../lib/k6-and-node/client-assertion.ts';
import { HarnessConfig } from '../../lib/k6-and-node/harness-config.ts';
import { privateKeyType } from '../../lib/k6-and-node/private-key-type.ts';

// private_key_jwt with the keys the standards allow: the assertion's algorithm follows the key (RSA,
// EC by curve, Ed25519), or the configuration, preferring one the provider advertises.

function keyPair(type: 'rsa' | 'ec' | 'ed25519' | 'ed448', options: object = {}) {
  const { privateKey, publicKey } = generateKeyPairSync(type as 'ec', options as never) as unknown as {
    privateKey: KeyObject;
    publicKey: KeyObject;
  };
  return {
    pem: privateKey.export({ format: 'pem', type: 'pkcs8' }) as string,
    otherPem: (format: 'pkcs1' | 'sec1') => privateKey.export({ format: 'pem', type: format }) as string,
    jwks: createLocalJWKSet({ keys: [publicKey.export({ format: 'jwk' })] as never }),
  };
}

const rsa = keyPair('rsa', { modulusLength: 2048 });
const p256 = keyPair('ec', { namedCurve: 'P-256' });
const p384 = keyPair('ec', { namedCurve: 'P-384' });
const p521 = keyPair('ec', { namedCurve: 'P-521' });
const ed25519 = keyPair('ed25519');

describe('the private_key_jwt key and its algorithm', () => {
  it('reads the key type from a PKCS#8 PEM, and names what is wrong with any other key', () => {
    assert.deepEqual(privateKeyType(rsa.pem), { kty: 'RSA' });
    assert.deepEqual(privateKeyType(p384.pem), { kty: 'EC', crv: 'P-384' });
    assert.deepEqual(privateKeyType(ed25519.pem), { kty: 'OKP', crv: 'Ed25519' });
    assert.match(
      privateKeyType(rsa.otherPem('pkcs1')) as string,
      /PKCS#1 RSA key: convert it to PKCS#8 \(openssl pkcs8 -topk8/,
    );
    assert.match(privateKeyType(p256.otherPem('sec1')) as string, /SEC 1 EC key: convert it to PKCS#8/);
    assert.match(privateKeyType(keyPair('ed448').pem) as string, /Ed448 key/);
    assert.match(privateKeyType(keyPair('ec', { namedCurve: 'secp256k1' }).pem) as string, /use P-256, P-384 or P-521/);
    assert.match(
      privateKeyType('-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----') as string,
      /not a readable PKCS#8 key/,
    );
  });

  it('signs with the algorithm of the key: RS256 for RSA, ES256/384/512 by curve, EdDSA for Ed25519', async () => {
    for (const [key, alg] of [
      [rsa, 'RS256'],
      [p256, 'ES256'],
      [p384, 'ES384'],
      [p521, 'ES512'],
      [ed25519, 'EdDSA'],
    ] as const) {
      const assertion = await signClientAssertion({ clientId: 'pkj', privateKeyPem: key.pem }, 'https://op.example');
      const { protectedHeader, payload } = await jwtVerify(assertion, key.jwks, {
        issuer: 'pkj',
        subject: 'pkj',
        audience: 'https://op.example',
      });
      assert.equal(protectedHeader.alg, alg);
      assert.ok(payload.jti);
    }
  });

  it('prefers an algorithm the provider accepts for the key, and a configured alg over both', async () => {
    assert.equal(assertionAlgorithm({ clientId: 'c', privateKeyPem: rsa.pem }, ['PS256', 'ES256']), 'PS256');
    assert.equal(assertionAlgorithm({ clientId: 'c', privateKeyPem: rsa.pem }, ['ES256']), 'RS256');
    assert.equal(assertionAlgorithm({ clientId: 'c', privateKeyPem: rsa.pem, alg: 'RS384' }, ['PS256']), 'RS384');
    const config = HarnessConfig.parse({
      baseUrl: 'https://op.example',
      issuer: 'https://op.example',
      audience: 'https://api.example/',
      profile: 'oidc',
      clients: { private_key_jwt: { clientId: 'pkj', privateKeyPem: rsa.pem } },
    });
    const settled = withAssertionAlgorithm(config, 'oidc', { tokenEndpointAuth: ['PS256', 'ES256'] });
    assert.equal(settled.clients.private_key_jwt?.alg, 'PS256');
    const assertion = await signClientAssertion(settled.clients.private_key_jwt!, 'https://op.example');
    assert.equal((await jwtVerify(assertion, rsa.jwks)).protectedHeader.alg, 'PS256');
    // Auth0 documents RS256, RS384 and PS256 for credentials: RS256 first.
    assert.equal(withAssertionAlgorithm(config, 'auth0', {}).clients.private_key_jwt?.alg, 'RS256');
  });
});
