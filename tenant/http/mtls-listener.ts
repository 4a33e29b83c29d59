import type { FastifyInstance } from 'fastify';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { MTLS_PATHS } from '../mtls-endpoint-aliases.ts';
import type { CertificateAuthority } from '../x509-certificates.ts';

// The tenant's HTTPS listener for mutual TLS, standing where Auth0 has its mTLS endpoint aliases (a
// custom domain's `mtls.` host, docs/auth0-api.md §2.5, §5): it serves the aliased endpoints with the same
// routes and state as the tenant's plain listener. Its handshake asks every client for a certificate
// and names no CA, so that self-signed certificates are sent too (Go's client, k6's, sends none that
// a named CA did not issue); it refuses nobody: which certificate authenticates which client is the
// token endpoint's to judge (tenant/client-auth/mtls-handshake.ts).

export interface MtlsListener {
  /** Its base URL: https://host:port. */
  url: string;
  close(): Promise<void>;
}

const NOT_FOUND = JSON.stringify({
  error: 'not_found',
  error_description: 'The mTLS host serves only the endpoints discovery lists in mtls_endpoint_aliases.',
});

/** Starts the listener on `host` (`port` 0: a free one), with a server certificate from the tenant's CA. */
export async function startMtlsListener(
  app: FastifyInstance,
  host: string,
  port: number,
  authority: CertificateAuthority,
): Promise<MtlsListener> {
  const serverCertificate = await authority.issue('CN=localhost', 'server', [
    { type: 'dns', value: 'localhost' },
    { type: 'ip', value: '127.0.0.1' },
    { type: 'ip', value: '::1' },
  ]);
  await app.ready();
  const server = https.createServer(
    {
      key: serverCertificate.privateKeyPem,
      cert: serverCertificate.certificatePem,
      requestCert: true,
      rejectUnauthorized: false,
    },
    (req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      if (MTLS_PATHS.has(path)) return app.routing(req, res);
      res.writeHead(404, { 'content-type': 'application/json; charset=utf-8' }).end(NOT_FOUND);
    },
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `https://${host.includes(':') ? `[${host}]` : host}:${bound}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
