import type { FastifyRequest } from 'fastify';
import { X509Certificate } from 'node:crypto';
import type { TLSSocket } from 'node:tls';
import type { Application, TenantFixture } from '../materialise-fixture.ts';
import type { TenantState } from '../tenant-state.ts';
import { certificateThumbprint } from '../tokens/access-token.ts';
import { parseCertificate } from '../x509-certificates.ts';
import type { MtlsOutcome } from './mtls-edge.ts';
import { registrationMismatch } from './mtls-registration.ts';

// RFC 8705 mutual TLS as the tenant's mTLS listener sees it: the client certificate comes in the TLS
// handshake (tenant/http/mtls-listener.ts), which asks for one without naming CAs and lets any
// through; authenticating the client with it is this file's work, and a refusal is the token
// endpoint's 401 invalid_client (RFC 8705 §2), never a failed handshake.

const CLIENT_AUTH_USAGE = '1.3.6.1.5.5.7.3.2';
// A chain longer than this is not followed (the leaf, intermediates, the CA).
const MAX_CHAIN = 5;

const trustedCas = new WeakMap<TenantFixture, X509Certificate[]>();

/** The CAs tls_client_auth certificates may chain to: the tenant's own and the fixture's. */
function trustedCasOf(fixture: TenantFixture): X509Certificate[] {
  let cas = trustedCas.get(fixture);
  if (!cas)
    trustedCas.set(
      fixture,
      (cas = [fixture.certificateAuthority.certificatePem, ...fixture.mtlsCaCertificatePems].map(
        (pem) => new X509Certificate(pem),
      )),
    );
  return cas;
}

/** The request's TLS socket, when it came through the mTLS listener. */
function tlsSocket(request: FastifyRequest): TLSSocket | undefined {
  const socket = request.raw.socket as TLSSocket;
  return socket.encrypted ? socket : undefined;
}

/** True when the request came through the mTLS listener (the client certificate, if any, is in its handshake). */
export const overMutualTls = (request: FastifyRequest): boolean => tlsSocket(request) !== undefined;

/** The certificates the client presented in the handshake, leaf first; empty when it presented none. */
function presentedChain(request: FastifyRequest): X509Certificate[] {
  const socket = tlsSocket(request);
  const chain: X509Certificate[] = [];
  let entry = socket?.getPeerCertificate(true);
  const seen = new Set<string>();
  while (entry?.raw && !seen.has(entry.fingerprint256) && chain.length < MAX_CHAIN) {
    seen.add(entry.fingerprint256);
    chain.push(new X509Certificate(entry.raw));
    entry = entry.issuerCertificate;
  }
  return chain;
}

/** base64url SHA-256 of the handshake's client certificate (cnf.x5t#S256), when one was presented. */
export function presentedThumbprint(request: FastifyRequest): string | undefined {
  const leaf = presentedChain(request)[0];
  return leaf && certificateThumbprint(leaf.raw);
}

const inForce = (certificate: X509Certificate, now: number) =>
  Date.parse(certificate.validFrom) <= now && now <= Date.parse(certificate.validTo);

/**
 * Why the presented chain does not lead to a trusted CA, or undefined when it does (RFC 8705 §2.1:
 * PKI). Each link must be signed by the next, be in force, and every issuer be a CA; the leaf must be
 * usable for client authentication when it says what it is for.
 */
function untrusted(chain: X509Certificate[], trusted: X509Certificate[]): string | undefined {
  const now = Date.now();
  const leaf = chain[0];
  if (leaf.keyUsage && !leaf.keyUsage.includes(CLIENT_AUTH_USAGE))
    return 'The client certificate is not for client authentication (extended key usage).';
  for (let i = 0; i < chain.length; i++) {
    const certificate = chain[i];
    if (!inForce(certificate, now)) return 'The client certificate has expired or is not yet valid.';
    const anchor = trusted.find((ca) => certificate.checkIssued(ca) && certificate.verify(ca.publicKey));
    if (anchor) return inForce(anchor, now) ? undefined : 'The CA that issued the client certificate has expired.';
    const issuer = chain[i + 1];
    if (!issuer || !issuer.ca || !certificate.checkIssued(issuer) || !certificate.verify(issuer.publicKey)) break;
  }
  return 'The client certificate is not issued by a CA trusted for tls_client_auth.';
}

/**
 * RFC 8705 §2: the handshake's certificate authenticates the client. tls_client_auth needs a chain to
 * the tenant's CA (or a CA of mtlsCaCertificatePems) and the registered subject DN or subjectAltName;
 * self_signed_tls_client_auth needs the registered certificate itself.
 */
export function verifyHandshakeCertificate(
  tenant: TenantState,
  request: FastifyRequest,
  client: Application,
): MtlsOutcome {
  const chain = presentedChain(request);
  if (chain.length === 0)
    return { ok: false, description: 'No client certificate was presented in the TLS handshake.' };
  if (client.tokenEndpointAuthMethod === 'tls_client_auth') {
    const refusal = untrusted(chain, trustedCasOf(tenant.fixture));
    if (refusal) return { ok: false, description: refusal };
  }
  const certificate = parseCertificate(chain[0].raw);
  if (!certificate) return { ok: false, description: 'The client certificate cannot be read.' };
  const mismatch = registrationMismatch(client, certificate);
  return mismatch
    ? { ok: false, description: mismatch }
    : { ok: true, thumbprint: certificateThumbprint(certificate.der) };
}
