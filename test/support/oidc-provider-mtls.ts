import { generateKeyPairSync } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import Provider from 'oidc-provider';
import type { HarnessConfigInput } from '../../lib/k6-and-node/harness-config.ts';
import { CertificateAuthority } from '../../tenant/x509-certificates.ts';

// A standard OpenID provider (panva's oidc-provider 8) doing RFC 8705 itself: served over HTTPS on
// loopback, its handshake asks for a client certificate, and its one client authenticates with
// tls_client_auth and gets certificate-bound access tokens. Like most providers it has no
// mtls_endpoint_aliases: the conventional endpoints take the certificate.

export interface RunningMtlsProvider {
  issuer: string;
  harnessConfig: HarnessConfigInput;
  close(): Promise<void>;
}

const AUDIENCE = 'https://api.harness.example/';
const SUBJECT = 'CN=oidc-mtls';

/** What the mTLS hooks read of oidc-provider's Koa context: the raw request. */
interface RequestContext {
  req: IncomingMessage;
}

const peerCertificate = (req: IncomingMessage) => (req.socket as TLSSocket).getPeerX509Certificate();

export async function startMtlsOidcProvider(): Promise<RunningMtlsProvider> {
  const authority = await CertificateAuthority.create('oidc-provider test CA');
  const serverCertificate = await authority.issue('CN=localhost', 'server', [{ type: 'ip', value: '127.0.0.1' }]);
  const clientCertificate = await authority.issue(SUBJECT, 'client');
  const signing = generateKeyPairSync('rsa', { modulusLength: 2048 });

  // The issuer needs the port, so listen first and mount the provider's callback afterwards.
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  const server = createServer(
    {
      key: serverCertificate.privateKeyPem,
      cert: serverCertificate.certificatePem,
      // Ask every client for a certificate, judge it in the provider (socket.authorized: issued by the CA).
      ca: [authority.certificatePem],
      requestCert: true,
      rejectUnauthorized: false,
    },
    (req, res) => handler?.(req, res),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'oidc-mtls',
        token_endpoint_auth_method: 'tls_client_auth',
        tls_client_auth_subject_dn: SUBJECT,
        tls_client_certificate_bound_access_tokens: true,
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
      },
    ],
    clientAuthMethods: ['tls_client_auth', 'client_secret_basic'],
    jwks: {
      keys: [
        { ...(signing.privateKey.export({ format: 'jwk' }) as object), kid: 'k1', use: 'sig', alg: 'RS256' } as never,
      ],
    },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      mTLS: {
        enabled: true,
        tlsClientAuth: true,
        certificateBoundAccessTokens: true,
        getCertificate: (ctx: RequestContext) => peerCertificate(ctx.req),
        certificateAuthorized: (ctx: RequestContext) => (ctx.req.socket as TLSSocket).authorized,
        certificateSubjectMatches: (ctx: RequestContext, property: string, expected: string) =>
          property === 'tls_client_auth_subject_dn' && peerCertificate(ctx.req)?.subject === expected,
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => AUDIENCE,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({
          scope: 'read:things',
          audience: AUDIENCE,
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: 'RS256' } },
        }),
      },
    },
  });
  handler = provider.callback();

  return {
    issuer,
    harnessConfig: {
      baseUrl: issuer,
      issuer,
      audience: AUDIENCE,
      profile: 'oidc',
      // The provider's certificate is from a CA made for the test, which nothing trusts.
      insecureSkipTLSVerify: true,
      clients: {
        mtls_handshake: {
          clientId: 'oidc-mtls',
          certificatePem: clientCertificate.certificatePem,
          privateKeyPem: clientCertificate.privateKeyPem,
          certificateBoundAccessTokens: true,
        },
      },
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
