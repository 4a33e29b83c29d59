import { ClientKeyError, clientKeyPair } from '../engine/wire/tls-client-key.ts';
import { pemBlocks, pemContentsName } from './pem-blocks.ts';

// The key of the mutual TLS client certificate, checked before anything runs as k6 will read it for
// tlsAuth: a PEM private key, unencrypted or a legacy encrypted PEM whose privateKeyPassword decrypts
// it, that belongs to the certificate. A key k6 cannot use would otherwise fail every handshake cell
// in the middle of the run with a TLS error.

/** The key's PEM block, or a sentence (without the field's name) saying what is wrong and what to give. */
export function checkClientCertificateKey(
  pem: string,
  certificatePem: unknown,
  password: unknown,
): { pem: string } | { problem: string } {
  const blocks = pemBlocks(pem);
  const block = blocks.find((b) => b.label.includes('PRIVATE KEY'));
  if (!block) {
    const held = blocks.length ? `holds ${pemContentsName(blocks)}, not a private key` : 'holds no PEM private key';
    return { problem: `${held}; give the PEM private key of the client certificate.` };
  }
  const key = { pem: `${block.text}\n` };
  // Without a readable certificate (reported on its own field) there is nothing to pair the key with.
  if (typeof certificatePem !== 'string') return key;
  try {
    clientKeyPair(certificatePem, block.text, typeof password === 'string' ? password : undefined);
  } catch (error) {
    if (!(error instanceof ClientKeyError)) throw error;
    // A certificate k6 cannot read is the certificate field's problem, reported there.
    if (error.field === 'cert') return key;
    return {
      problem: `cannot be used with the certificate as k6 reads them (${error.message}); give the certificate's own key, unencrypted or as a legacy encrypted PEM with privateKeyPassword.`,
    };
  }
  return key;
}
