import type { Application } from '../materialise-fixture.ts';
import { parseCertificate, type ParsedCertificate } from '../x509-certificates.ts';

/**
 * Why a certificate is not the one registered for the client, or undefined when it is (RFC 8705 §2):
 * tls_client_auth matches the registered subject DN, or the one registered subjectAltName
 * (§2.1.2; a DNS name case-insensitively); self_signed_tls_client_auth matches the registered
 * certificate itself (§2.2). The chain of trust is the caller's to check.
 */
export function registrationMismatch(client: Application, certificate: ParsedCertificate): string | undefined {
  if (client.tokenEndpointAuthMethod === 'tls_client_auth') {
    const san = client.mtls?.san;
    if (!san)
      return certificate.subjectDn === client.mtls?.subjectDn
        ? undefined
        : 'The client certificate subject does not match the registered subject DN.';
    const same = (value: string) =>
      san.type === 'dns' ? value.toLowerCase() === san.value.toLowerCase() : value === san.value;
    return certificate.san.some((name) => name.type === san.type && same(name.value))
      ? undefined
      : `The client certificate has no ${san.type} subjectAltName matching the registered one.`;
  }
  const registered = client.mtls?.certificatePem ? parseCertificate(client.mtls.certificatePem) : undefined;
  return registered?.der.equals(certificate.der)
    ? undefined
    : 'The client certificate does not match the registered certificate.';
}
