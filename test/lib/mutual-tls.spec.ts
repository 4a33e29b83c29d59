// The harness's RFC 8705 plumbing on the k6 side: the certificate k6 presents (tlsAuth), where a
// handshake client's requests go (discovery's mtls_endpoint_aliases), and the thumbprint its bound
// tokens must carry.
import assert from 'node:assert/strict';
import { createHash, X509Certificate } from 'node:crypto';
import { describe, it } from 'node:test';
import { boundThumbprint, certificateThumbprint } from '../../lib/certificate-binding.ts';
import type { TenantMetadata } from '../../lib/conformance/discovery.ts';
import type { FlowContext } from '../../lib/conformance/flow-context.ts';
import { certificateCannotBeLeftOut, endpointFor } from '../../lib/conformance/mtls-endpoint.ts';
import { HarnessConfig } from '../../lib/k6-and-node/harness-config.ts';
import { tlsOptions } from '../../lib/tls-options.ts';
import { CertificateAuthority } from '../../tenant/x509-certificates.ts';

const ca = await CertificateAuthority.create('harness test CA');
const client = await ca.issue('CN=handshake', 'client');

const config = (handshake: Record<string, unknown> | undefined, extra: Record<string, unknown> = {}) =>
  HarnessConfig.parse({
    baseUrl: 'https://tenant.example',
    issuer: 'https://tenant.example/',
    audience: 'https://api.example/',
    clients: { mtls_handshake: handshake },
    ...extra,
  });
const handshake = { clientId: 'handshake', certificatePem: client.certificatePem, privateKeyPem: client.privateKeyPem };

const tenant = (aliases: NonNullable<TenantMetadata['mtlsAliases']>): TenantMetadata => ({
  endpoints: {
    token_endpoint: 'https://tenant.example/oauth/token',
    revocation_endpoint: 'https://tenant.example/oauth/revoke',
  },
  mtlsAliases: aliases,
  algorithms: {},
});
const context = (metadata: TenantMetadata, profile: 'auth0' | 'oidc'): FlowContext => ({
  config: config(handshake),
  profile,
  tenant: metadata,
});

describe("the harness's mutual TLS by handshake", () => {
  it("hands k6 the handshake client's certificate, key and password as tlsAuth, without domains, and nothing else unasked", () => {
    assert.deepEqual(tlsOptions(config({ ...handshake, privateKeyPassword: 'pw' })), {
      tlsAuth: [{ cert: client.certificatePem, key: client.privateKeyPem, password: 'pw' }],
    });
    assert.deepEqual(tlsOptions(config(undefined)), {});
    assert.deepEqual(tlsOptions(config(undefined, { insecureSkipTLSVerify: true })), { insecureSkipTLSVerify: true });
  });

  it("sends the handshake client's requests to discovery's mTLS alias, and the conventional endpoint where none is listed", () => {
    const metadata = tenant({ token_endpoint: 'https://mtls.tenant.example/oauth/token' });
    assert.equal(
      endpointFor(metadata, 'https://tenant.example/oauth/token', 'mtls_handshake'),
      'https://mtls.tenant.example/oauth/token',
    );
    assert.equal(
      endpointFor(metadata, 'https://tenant.example/oauth/revoke', 'mtls_handshake'),
      'https://tenant.example/oauth/revoke',
    );
    assert.equal(
      endpointFor(metadata, 'https://tenant.example/oauth/token', 'tls_client_auth'),
      'https://tenant.example/oauth/token',
      "the edge method's headers go to the conventional endpoint",
    );
  });

  it('leaves the certificate out only where no handshake can ask for it: an endpoint apart from its alias, on Auth0 or over plain HTTP', () => {
    const url = 'https://tenant.example/oauth/token';
    const aliased = tenant({ token_endpoint: 'https://mtls.tenant.example/oauth/token' });
    assert.equal(certificateCannotBeLeftOut(context(aliased, 'auth0'), url), undefined);
    assert.match(certificateCannotBeLeftOut(context(aliased, 'oidc'), url) ?? '', /may ask for the certificate too/);
    assert.match(certificateCannotBeLeftOut(context(tenant({}), 'auth0'), url) ?? '', /no mTLS alias/);
    const plain = { ...tenant({ token_endpoint: 'https://127.0.0.1:8443/oauth/token' }) };
    plain.endpoints = { token_endpoint: 'http://127.0.0.1:8080/oauth/token' };
    assert.equal(certificateCannotBeLeftOut(context(plain, 'oidc'), 'http://127.0.0.1:8080/oauth/token'), undefined);
  });

  it("expects bound tokens to carry the SHA-256 thumbprint of the certificate's DER, only when the configuration says they are bound", async () => {
    const der = new X509Certificate(client.certificatePem).raw;
    const expected = createHash('sha256').update(der).digest('base64url');
    assert.equal(await certificateThumbprint(client.certificatePem), expected);
    assert.equal(
      await boundThumbprint(config({ ...handshake, certificateBoundAccessTokens: true }), 'mtls_handshake'),
      expected,
    );
    assert.equal(await boundThumbprint(config(handshake), 'mtls_handshake'), undefined);
    assert.equal(await boundThumbprint(config(handshake), 'client_secret_post'), undefined);
  });
});
