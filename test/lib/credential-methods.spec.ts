import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import { createLocalJWKSet, decodeJwt, jwtVerify } from 'jose';
import { CLIENT_ASSERTION_TYPE } from '../../lib/k6-and-node/client-assertion.ts';
import { authenticate } from '../../lib/k6-and-node/credential-methods.ts';
import { HarnessConfig } from '../../lib/k6-and-node/harness-config.ts';

const clientKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
const config = HarnessConfig.parse({
  baseUrl: 'https://tenant.example',
  issuer: 'https://tenant.example/',
  audience: 'https://api.example/',
  customDomainApiKey: 'cname-key-123',
  clients: {
    none: { clientId: 'spa' },
    client_secret_post: { clientId: 'post', clientSecret: 's3cret' },
    client_secret_basic: { clientId: 'basic:id', clientSecret: 'p@ss word' },
    private_key_jwt: {
      clientId: 'pkj',
      privateKeyPem: clientKey.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string,
    },
    tls_client_auth: {
      clientId: 'mtls',
      certificatePem: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
    },
    mtls_handshake: {
      clientId: 'handshake',
      certificatePem: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
      privateKeyPem: '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n',
    },
  },
});
const jwks = createLocalJWKSet({
  keys: [{ ...(clientKey.publicKey.export({ format: 'jwk' }) as object), alg: 'RS256' }] as never,
});
const grant = { grant_type: 'client_credentials' };

describe('client authentication per credential method', () => {
  it('none sends client_id only; client_secret_post puts id and secret in the body', async () => {
    assert.deepEqual(await authenticate(config, 'none', grant), {
      params: { ...grant, client_id: 'spa' },
      headers: {},
    });
    assert.deepEqual(await authenticate(config, 'client_secret_post', grant), {
      params: { ...grant, client_id: 'post', client_secret: 's3cret' },
      headers: {},
    });
  });

  it('client_secret_basic form-encodes id and secret before base64 (RFC 6749 §2.3.1) and keeps them out of the body', async () => {
    const parts = await authenticate(config, 'client_secret_basic', grant);
    assert.deepEqual(parts?.params, grant);
    const decoded = Buffer.from((parts?.headers.Authorization ?? '').replace(/^Basic /, ''), 'base64').toString();
    assert.equal(decoded, 'basic%3Aid:p%40ss%20word');
  });

  it('private_key_jwt signs an RS256 assertion: iss = sub = client_id, aud = issuer, jti, exp at most 5 minutes ahead', async () => {
    const parts = await authenticate(config, 'private_key_jwt', grant);
    assert.equal(parts?.params.client_assertion_type, CLIENT_ASSERTION_TYPE);
    const { payload, protectedHeader } = await jwtVerify(parts?.params.client_assertion ?? '', jwks, {
      audience: 'https://tenant.example/',
      issuer: 'pkj',
      subject: 'pkj',
    });
    assert.equal(protectedHeader.alg, 'RS256');
    assert.ok(typeof payload.jti === 'string' && payload.jti.length > 0);
    assert.ok((payload.exp as number) - Math.floor(Date.now() / 1000) <= 300);
    const again = await authenticate(config, 'private_key_jwt', grant);
    assert.notEqual(decodeJwt(again?.params.client_assertion ?? '').jti, payload.jti, 'each assertion has its own jti');
  });

  it('spoils private_key_jwt assertions as the negative cases need: expired, over-long, wrong audience', async () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = async (flaw: 'expired' | 'over_long' | 'wrong_audience') =>
      decodeJwt((await authenticate(config, 'private_key_jwt', grant, flaw))?.params.client_assertion ?? '');
    assert.ok(((await claims('expired')).exp as number) < now);
    assert.ok(((await claims('over_long')).exp as number) - now > 300);
    assert.notEqual((await claims('wrong_audience')).aud, 'https://tenant.example/');
  });

  it('tls_client_auth sends the edge headers: URL-encoded leaf certificate, CA verdict and the cname-api-key', async () => {
    const parts = await authenticate(config, 'tls_client_auth', grant);
    assert.equal(parts?.params.client_id, 'mtls');
    assert.equal(parts?.headers['cname-api-key'], 'cname-key-123');
    assert.equal(
      decodeURIComponent(parts?.headers['client-certificate'] ?? ''),
      config.clients.tls_client_auth?.certificatePem,
    );
    assert.equal(parts?.headers['client-certificate-ca-verified'], 'SUCCESS');
    assert.equal(
      (await authenticate(config, 'tls_client_auth', grant, 'missing_secret'))?.headers['client-certificate'],
      undefined,
    );
  });

  it('mtls_handshake names the client in the body and sends no credential of its own: the certificate is in the TLS handshake', async () => {
    assert.deepEqual(await authenticate(config, 'mtls_handshake', grant), {
      params: { ...grant, client_id: 'handshake' },
      headers: {},
    });
  });

  it('spoils secrets for the negative cases and answers undefined for a method with no client', async () => {
    assert.equal(
      (await authenticate(config, 'client_secret_post', grant, 'wrong_secret'))?.params.client_secret,
      's3cret-wrong',
    );
    assert.equal(
      (await authenticate(config, 'client_secret_post', grant, 'missing_secret'))?.params.client_secret,
      undefined,
    );
    const bare = HarnessConfig.parse({ ...config, clients: {} });
    assert.equal(await authenticate(bare, 'private_key_jwt', grant), undefined);
  });
});
