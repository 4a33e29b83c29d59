// The local tenant's mTLS listener (startTenant({ https: true })): RFC 8705 client authentication by
// the certificate in the TLS handshake, and certificate-bound access tokens, where discovery's
// mtls_endpoint_aliases point (docs/auth0-api.md §2.5, §5).
import assert from 'node:assert/strict';
import { createHash, X509Certificate } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { registrationMismatch } from '../../tenant/client-auth/mtls-registration.ts';
import { RFC9068_API } from '../../tenant/default-fixture.ts';
import type { Application } from '../../tenant/materialise-fixture.ts';
import { startTenant, type RunningTenant } from '../../tenant/start-tenant.ts';
import {
  CertificateAuthority,
  parseCertificate,
  selfSignedClientCertificate,
  type KeyedCertificate,
} from '../../tenant/x509-certificates.ts';
import { decodeJwt, get, postFormOverTls, type Answer } from './tenant-requests.ts';

const thumbprint = (pem: string) => createHash('sha256').update(new X509Certificate(pem).raw).digest('base64url');

describe('local tenant: the mTLS listener (RFC 8705 by the certificate in the handshake)', () => {
  let tenant: RunningTenant;
  let aliases: Record<string, string>;
  let ca: string;
  const app = (clientId: string) => tenant.fixture.applications.find((a) => a.clientId === clientId) as Application;
  const own = (clientId: string): KeyedCertificate => ({
    certificatePem: app(clientId).mtls?.certificatePem as string,
    privateKeyPem: app(clientId).generatedCertificateKeyPem as string,
    subjectDn: app(clientId).mtls?.subjectDn as string,
  });
  /** client_credentials at the mTLS token endpoint as `clientId`, presenting `certificate` (or none). */
  const clientCredentials = (clientId: string, certificate?: KeyedCertificate, extra: Record<string, string> = {}) =>
    postFormOverTls(
      aliases.token_endpoint,
      { grant_type: 'client_credentials', audience: tenant.harnessConfig().audience, client_id: clientId, ...extra },
      { ca, cert: certificate?.certificatePem, key: certificate?.privateKeyPem },
    );
  const refusal = (res: Answer) => ({ status: res.status, error: res.json?.error });

  before(async () => {
    tenant = await startTenant({ https: true });
    ca = tenant.fixture.certificateAuthority.certificatePem;
    aliases = (await get(`${tenant.url}/.well-known/openid-configuration`)).json.mtls_endpoint_aliases;
  });
  after(() => tenant.close());

  it("lists the listener's token, PAR, CIBA and userinfo endpoints in discovery's mtls_endpoint_aliases, on a certificate from the tenant's CA", async () => {
    assert.deepEqual(aliases, {
      token_endpoint: `${tenant.mtlsUrl}/oauth/token`,
      pushed_authorization_request_endpoint: `${tenant.mtlsUrl}/oauth/par`,
      backchannel_authentication_endpoint: `${tenant.mtlsUrl}/bc-authorize`,
      userinfo_endpoint: `${tenant.mtlsUrl}/userinfo`,
    });
    assert.match(tenant.mtlsUrl ?? '', /^https:\/\/127\.0\.0\.1:\d+$/);
    // The request verifies the listener's certificate against the tenant's CA (postFormOverTls's `ca`).
    assert.equal((await postFormOverTls(`${tenant.mtlsUrl}/oauth/token`, {}, { ca })).status, 400);
  });

  it('serves only the aliased endpoints', async () => {
    const revoke = await postFormOverTls(`${tenant.mtlsUrl}/oauth/revoke`, { token: 'x' }, { ca });
    assert.equal(revoke.status, 404);
    assert.equal(revoke.json.error, 'not_found');
  });

  it('authenticates a tls_client_auth client by its certificate from the CA, and binds its token to it (cnf.x5t#S256)', async () => {
    const certificate = own('m2m-mtls');
    const res = await clientCredentials('m2m-mtls', certificate);
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(decodeJwt(res.json.access_token).payload.cnf, {
      'x5t#S256': thumbprint(certificate.certificatePem),
    });
  });

  it('authenticates a self_signed_tls_client_auth client by its registered certificate', async () => {
    const res = await clientCredentials('m2m-mtls-self-signed', own('m2m-mtls-self-signed'));
    assert.equal(res.status, 200, res.text);
  });

  it('refuses with 401 invalid_client: no certificate, a CA it does not trust, another subject, another self-signed certificate (RFC 8705 §2)', async () => {
    const stranger = await CertificateAuthority.create('a CA the tenant does not trust');
    const cases: [string, KeyedCertificate | undefined, string, RegExp][] = [
      ['no certificate', undefined, 'm2m-mtls', /No client certificate was presented/],
      ['unknown CA', await stranger.issue('CN=m2m-mtls', 'client'), 'm2m-mtls', /not issued by a CA trusted/],
      [
        'wrong subject',
        await tenant.fixture.certificateAuthority.issue('CN=someone-else', 'client'),
        'm2m-mtls',
        /subject does not match/,
      ],
      [
        'another self-signed certificate',
        await selfSignedClientCertificate('CN=m2m-mtls-self-signed'),
        'm2m-mtls-self-signed',
        /does not match the registered certificate/,
      ],
      [
        'a self-signed certificate for a CA-verified client',
        own('m2m-mtls-self-signed'),
        'm2m-mtls',
        /not issued by a CA trusted/,
      ],
    ];
    for (const [what, certificate, clientId, description] of cases) {
      const res = await clientCredentials(clientId, certificate);
      assert.deepEqual(refusal(res), { status: 401, error: 'invalid_client' }, what);
      assert.match(res.json.error_description, description, what);
    }
  });

  it("binds a secret client's token to the certificate it presents when the API asks for it (Auth0's proof_of_possession), not otherwise", async () => {
    const { clientId, clientSecret } = tenant.harnessConfig().clients.client_secret_post!;
    const presented = await tenant.fixture.certificateAuthority.issue('CN=any client', 'client');
    const token = async (audience: string) => {
      const res = await clientCredentials(clientId, presented, { client_secret: clientSecret, audience });
      assert.equal(res.status, 200, res.text);
      return decodeJwt(res.json.access_token).payload.cnf;
    };
    assert.deepEqual(await token(RFC9068_API), { 'x5t#S256': thumbprint(presented.certificatePem) });
    assert.equal(await token(tenant.harnessConfig().audience), undefined);
  });

  it('writes a harness configuration with the handshake client, its key and TLS verification off', () => {
    const config = tenant.harnessConfig();
    assert.deepEqual(config.clients.mtls_handshake, {
      clientId: 'm2m-mtls',
      certificatePem: own('m2m-mtls').certificatePem,
      privateKeyPem: own('m2m-mtls').privateKeyPem,
      certificateBoundAccessTokens: true,
      redirectUri: app('m2m-mtls').callbacks[0],
      logoutUri: app('m2m-mtls').allowedLogoutUrls[0],
    });
    assert.equal(config.insecureSkipTLSVerify, true);
  });
});

describe('RFC 8705 §2.1.2: a tls_client_auth client registered by a subjectAltName', () => {
  const registered = (san: Application['mtls']) =>
    ({ clientId: 'c', tokenEndpointAuthMethod: 'tls_client_auth', mtls: san }) as Application;

  it('matches the registered name of its type (a DNS name in any case), and nothing else', async () => {
    const ca = await CertificateAuthority.create('san CA');
    const certificate = parseCertificate(
      (
        await ca.issue('CN=c', 'client', [
          { type: 'dns', value: 'client.example.com' },
          { type: 'uri', value: 'https://client.example.com/id' },
        ])
      ).certificatePem,
    )!;
    assert.equal(
      registrationMismatch(registered({ san: { type: 'dns', value: 'CLIENT.example.com' } }), certificate),
      undefined,
    );
    assert.equal(
      registrationMismatch(registered({ san: { type: 'uri', value: 'https://client.example.com/id' } }), certificate),
      undefined,
    );
    assert.match(
      registrationMismatch(registered({ san: { type: 'email', value: 'client.example.com' } }), certificate) ?? '',
      /no email subjectAltName/,
    );
    assert.match(
      registrationMismatch(registered({ subjectDn: 'CN=other' }), certificate) ?? '',
      /subject does not match/,
    );
  });
});
