import { createPrivateKey } from 'node:crypto';
import { loadTls } from './tls-module.ts';

// A tlsAuth entry's certificate and key, read as k6 reads them (lib/options.go TLSAuth.Certificate): a
// password decrypts a legacy encrypted PEM key ("Proc-Type: 4,ENCRYPTED" with DEK-Info) and nothing
// else; the pair must then load as Go's tls.X509KeyPair would. Failures carry k6's (Go's) texts, so a
// script refused here is refused by k6 in the same words.

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----/;

/** Why a tlsAuth entry cannot be used, in k6's words; the caller names the field. */
export class ClientKeyError extends Error {
  constructor(
    readonly field: 'cert' | 'key' | 'password',
    message: string,
  ) {
    super(message);
  }
}

/** The key as an unencrypted PEM, after k6's password rules. */
function decryptedKey(key: string, password: string | undefined): string {
  const type = PEM_BLOCK.exec(key)?.[1];
  if (password === undefined) {
    // Go parses an encrypted key's ciphertext as a key and fails; Node would ask for a passphrase.
    if (type === 'ENCRYPTED PRIVATE KEY' || /Proc-Type: *4, *ENCRYPTED/.test(key))
      throw new ClientKeyError('key', 'tls: failed to parse private key (the key is encrypted: give its password)');
    return key;
  }
  if (!type) throw new ClientKeyError('key', 'failed to decode PEM key');
  if (type === 'ENCRYPTED PRIVATE KEY')
    throw new ClientKeyError('key', 'encrypted pkcs8 formatted key is not supported');
  if (!/^DEK-Info:/m.test(key)) throw new ClientKeyError('password', 'x509: no DEK-Info header in block');
  try {
    return createPrivateKey({ key, format: 'pem', passphrase: password })
      .export({ type: 'pkcs8', format: 'pem' })
      .toString();
  } catch {
    throw new ClientKeyError('password', 'x509: decryption password incorrect');
  }
}

/** A client certificate chain and its unencrypted key, checked to belong together. */
export function clientKeyPair(cert: string, key: string, password?: string): { cert: string; key: string } {
  if (!PEM_BLOCK.test(cert)) throw new ClientKeyError('cert', 'tls: failed to find any PEM data in certificate input');
  if (!PEM_BLOCK.test(key)) throw new ClientKeyError('key', 'tls: failed to find any PEM data in key input');
  const plainKey = decryptedKey(key, password);
  try {
    loadTls().createSecureContext({ cert, key: plainKey });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_OSSL_X509_KEY_VALUES_MISMATCH')
      throw new ClientKeyError('key', 'tls: private key does not match public key');
    throw new ClientKeyError(
      /certificate|X509|x509/.test((error as Error).message) ? 'cert' : 'key',
      `tls: ${(error as Error).message}`,
    );
  }
  return { cert, key: plainKey };
}
