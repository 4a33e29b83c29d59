import { X509Certificate } from 'node:crypto';
import { pemBlocks, pemContentsName } from './pem-blocks.ts';

// A certificate a user gives (the mTLS client certificate, a SAML IdP's signing certificate),
// checked before anything runs. For the edge scheme the harness plays the customer's edge and
// forwards the leaf certificate alone in `client-certificate` (docs/auth0-api.md §5), so a file holds
// exactly one; for mutual TLS by handshake, the leaf may come with its intermediates.

/** The certificate's PEM block, or a sentence (without the field's name) saying what is wrong. */
export function checkCertificatePem(pem: string): { pem: string } | { problem: string } {
  const blocks = pemBlocks(pem);
  const certificates = blocks.filter((b) => b.label === 'CERTIFICATE');
  if (certificates.length === 0) {
    const held = blocks.length ? `holds ${pemContentsName(blocks)}, not a certificate` : 'holds no PEM certificate';
    return { problem: `${held}; give a PEM certificate (-----BEGIN CERTIFICATE-----).` };
  }
  if (certificates.length > 1)
    return {
      problem: `holds ${certificates.length} certificates; give the one certificate alone (the leaf, without its chain).`,
    };
  try {
    new X509Certificate(certificates[0].text);
  } catch {
    return {
      problem:
        'has PEM markers but its content is not a readable X.509 certificate (damaged or truncated); export it again.',
    };
  }
  return { pem: certificates[0].text };
}

/**
 * A client certificate for the TLS handshake (RFC 8705): the leaf, then any intermediate CA
 * certificates the server needs to build the chain, as k6's tlsAuth `cert` takes them.
 */
export function checkCertificateChainPem(pem: string): { pem: string } | { problem: string } {
  const certificates = pemBlocks(pem).filter((b) => b.label === 'CERTIFICATE');
  if (certificates.length === 0) return checkCertificatePem(pem);
  const unreadable = certificates.findIndex((block) => 'problem' in checkCertificatePem(block.text));
  if (unreadable >= 0)
    return {
      problem: `holds a certificate (number ${unreadable + 1}) whose content is not a readable X.509 certificate (damaged or truncated); export it again.`,
    };
  return { pem: certificates.map((b) => b.text).join('\n') + '\n' };
}
