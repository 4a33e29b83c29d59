import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import { HarnessConfig } from '../../lib/k6-and-node/harness-config.ts';
import { runtimeAlgorithmNotices } from '../../lib/runtime-algorithm-notice.ts';
import { jwks, mixedJwks } from '../support/signed-tokens.ts';
import { withoutEd25519 } from '../support/without-ed25519.ts';

// The warning a run on k6 (no Ed25519 in its WebCrypto) prints once, before any flow, when the
// provider's keys or the configured client need Ed25519.

const pem = (type: 'ed25519' | 'ec') =>
  generateKeyPairSync(type as 'ec', { namedCurve: 'P-256' }).privateKey.export({
    format: 'pem',
    type: 'pkcs8',
  }) as string;

const configWith = (privateKeyPem?: string) =>
  HarnessConfig.parse({
    baseUrl: 'https://op.example',
    issuer: 'https://op.example',
    audience: 'https://api.example/',
    profile: 'oidc',
    clients: privateKeyPem ? { private_key_jwt: { clientId: 'pkj', privateKeyPem } } : {},
  });

describe('what a runtime without Ed25519 says before the run', () => {
  it("names the provider's Ed25519 keys and the Ed25519 client, what each costs and what to do", async () => {
    const notices = await withoutEd25519(() => runtimeAlgorithmNotices(mixedJwks, configWith(pem('ed25519'))));
    assert.equal(notices.length, 2);
    assert.match(
      notices[0],
      /^the provider's JWKS holds Ed25519 keys \("ed-key"\), and EdDSA needs Ed25519, which this runtime's WebCrypto does not implement .*: the signatures of its EdDSA tokens are reported not verified; run with --engine local to verify them\.$/,
    );
    assert.match(
      notices[1],
      /^clients\.private_key_jwt signs its assertions with EdDSA, and EdDSA needs Ed25519, .*: its cells are skipped; give it an RSA or EC key, or run with --engine local\.$/,
    );
  });

  it('says nothing when the run needs no Ed25519, or when the runtime has it', async () => {
    assert.deepEqual(await withoutEd25519(() => runtimeAlgorithmNotices(jwks, configWith(pem('ec')))), []);
    assert.deepEqual(await withoutEd25519(() => runtimeAlgorithmNotices(undefined, configWith())), []);
    assert.deepEqual(await runtimeAlgorithmNotices(mixedJwks, configWith(pem('ed25519'))), []);
  });
});
