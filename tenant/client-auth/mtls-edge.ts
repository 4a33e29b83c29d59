import type { FastifyRequest } from 'fastify';
import { certificateThumbprint } from '../tokens/access-token.ts';
import type { Application } from '../materialise-fixture.ts';
import type { TenantState } from '../tenant-state.ts';
import { sameString } from '../user-directory.ts';
import { parseCertificate } from '../x509-certificates.ts';
import { registrationMismatch } from './mtls-registration.ts';

export type MtlsOutcome = { ok: true; thumbprint: string } | { ok: false; description: string };

const MAX_CERTIFICATE_BYTES = 4096;

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * mTLS through the customer edge (docs/auth0-api.md §5): the edge proves itself with cname-api-key, forwards the
 * leaf certificate URL-encoded in client-certificate and the CA verdict in
 * client-certificate-ca-verified. tls_client_auth needs a CA-verified certificate with the registered
 * subject DN or subjectAltName; self_signed_tls_client_auth needs the registered certificate itself.
 */
export function verifyEdgeCertificate(tenant: TenantState, request: FastifyRequest, client: Application): MtlsOutcome {
  const apiKey = header(request, 'cname-api-key');
  if (!apiKey || !sameString(apiKey, tenant.fixture.customDomainApiKey))
    return {
      ok: false,
      description: 'Client certificate headers are only accepted from the custom domain edge (cname-api-key).',
    };
  const encoded = header(request, 'client-certificate');
  if (!encoded) return { ok: false, description: 'A client certificate is required for this client.' };
  let pem: string;
  try {
    pem = decodeURIComponent(encoded);
  } catch {
    return { ok: false, description: 'client-certificate must be a URL-encoded PEM certificate.' };
  }
  if (Buffer.byteLength(pem) > MAX_CERTIFICATE_BYTES)
    return { ok: false, description: `client-certificate must not exceed ${MAX_CERTIFICATE_BYTES} bytes.` };
  const certificate = parseCertificate(pem);
  if (!certificate) return { ok: false, description: 'client-certificate is not a PEM certificate.' };
  const verdict = header(request, 'client-certificate-ca-verified') ?? '';
  if (client.tokenEndpointAuthMethod === 'tls_client_auth' && verdict !== 'SUCCESS')
    return { ok: false, description: 'The client certificate was not verified by a trusted CA.' };
  const mismatch = registrationMismatch(client, certificate);
  return mismatch
    ? { ok: false, description: mismatch }
    : { ok: true, thumbprint: certificateThumbprint(certificate.der) };
}
