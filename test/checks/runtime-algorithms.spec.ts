import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import { signingRules } from '../../checks/token/signing-rules.ts';
import { signatureValid } from '../../checks/token/signature.ts';
import { tokenUnderTest } from '../../checks/token/token-under-test.ts';
import { AssertionAlgorithmUnavailable, signClientAssertion } from '../../lib/k6-and-node/client-assertion.ts';
import { ecKey, edKey, mixedJwks, signJwt } from '../support/signed-tokens.ts';
import { withoutEd25519 } from '../support/without-ed25519.ts';

// What a runtime without Ed25519 (k6) says of EdDSA signatures and assertions (test/support/without-ed25519.ts).

const now = Math.floor(Date.now() / 1000);
const claims = { iss: 'https://op.example', sub: 'u', aud: 'https://api.example/', iat: now, exp: now + 600 };
const accessToken = (alg: string, key: { kid: string; privateKey: Parameters<typeof signJwt>[2] }) =>
  tokenUnderTest(
    'access_token',
    signJwt(claims, { alg, typ: 'at+jwt', kid: key.kid }, key.privateKey),
    { issuer: 'https://op.example', clientId: 'c', signing: signingRules('oidc', 'access_token') },
    mixedJwks,
  );

describe('signatures and assertions a runtime without Ed25519 (k6) cannot make', () => {
  it('reports an EdDSA signature as not verified, saying why and what to do, and still verifies ES256', async () => {
    const [eddsa, es256] = await withoutEd25519(async () => [
      await signatureValid.access_token.run(accessToken('EdDSA', edKey)),
      await signatureValid.access_token.run(accessToken('ES256', ecKey)),
    ]);
    assert.equal(eddsa.ok, false);
    assert.equal(eddsa.notRun, true);
    assert.match(
      eddsa.message ?? '',
      /^EdDSA needs Ed25519, which this runtime's WebCrypto does not implement \(k6's offers RSASSA-PKCS1-v1_5, RSA-PSS, ECDSA and HMAC\): the signature was not verified; run with --engine local to verify it$/,
    );
    assert.deepEqual(es256, { ok: true });
    // With Node's own WebCrypto, as on the local engine, the same EdDSA token is verified.
    assert.deepEqual(await signatureValid.access_token.run(accessToken('EdDSA', edKey)), { ok: true });
  });

  it('refuses to sign an EdDSA client assertion before any request, naming the fix', async () => {
    const privateKeyPem = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
    const refused = await withoutEd25519(() =>
      signClientAssertion({ clientId: 'pkj', privateKeyPem }, 'https://op.example').then(
        () => undefined,
        (error: unknown) => error,
      ),
    );
    assert.ok(refused instanceof AssertionAlgorithmUnavailable);
    assert.match(
      refused.message,
      /^the private_key_jwt client's assertions cannot be signed here: EdDSA needs Ed25519, .*; give clients\.private_key_jwt an RSA or EC key, or run with --engine local$/,
    );
  });
});
