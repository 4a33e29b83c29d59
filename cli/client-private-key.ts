import { createPrivateKey, type KeyObject } from 'node:crypto';
import { signClientAssertion } from '../lib/client-assertion.ts';
import { pemBlocks, pemContentsName } from './pem-blocks.ts';

// The private_key_jwt key, checked before anything runs: a key k6 cannot import would otherwise fail
// every private_key_jwt cell in the middle of the run. Any private key PEM Node reads is taken
// (PKCS#8, PKCS#1, SEC1) and handed to k6 as PKCS#8, the one form jose's importPKCS8 accepts there.

/** The RSA key the algorithm signs with: Auth0's private_key_jwt credentials are RSA (RS256, RS384, PS256). */
const KEY_TYPES: Record<string, readonly string[]> = {
  RS256: ['rsa'],
  RS384: ['rsa'],
  PS256: ['rsa', 'rsa-pss'],
};
// jose refuses to sign with an RSA key shorter than this (RFC 7518 §3.3 and §3.5).
const MIN_RSA_BITS = 2048;

export type PrivateKeyCheck = { pkcs8: string } | { problem: string };

function keyName(key: KeyObject): string {
  const details = key.asymmetricKeyDetails ?? {};
  if (key.asymmetricKeyType === 'ec') return `an EC key (${details.namedCurve ?? 'unknown curve'})`;
  if (key.asymmetricKeyType?.startsWith('rsa')) return `a ${details.modulusLength}-bit RSA key`;
  return `an ${key.asymmetricKeyType?.toUpperCase()} key`;
}

/**
 * The key as PKCS#8 PEM when it can sign `alg` client assertions, or a sentence (without the
 * field's name) saying why not and what to give instead.
 */
export async function checkClientPrivateKey(pem: string, alg: string): Promise<PrivateKeyCheck> {
  const blocks = pemBlocks(pem);
  const block = blocks.find((b) => b.label.includes('PRIVATE KEY'));
  if (!block) {
    const held = blocks.length ? `holds ${pemContentsName(blocks)}, not a private key` : 'holds no PEM private key';
    return {
      problem: `${held}; give the PEM private key (-----BEGIN PRIVATE KEY-----) whose public key is registered for the application.`,
    };
  }
  if (block.label.includes('ENCRYPTED') || /Proc-Type:\s*4,ENCRYPTED/.test(block.text))
    return {
      problem:
        'is encrypted with a passphrase; give it unencrypted, e.g. `openssl pkey -in key.pem -out key-plain.pem`, and keep that file private.',
    };
  let key: KeyObject;
  try {
    key = createPrivateKey(block.text);
  } catch {
    return {
      problem: `has PEM markers but its content is not a readable private key (damaged or truncated); export the key again.`,
    };
  }
  const fits = KEY_TYPES[alg];
  if (fits && !fits.includes(key.asymmetricKeyType ?? ''))
    return {
      problem: `is ${keyName(key)}, which cannot sign ${alg}; Auth0's private_key_jwt takes an RSA key (RS256, RS384 or PS256).`,
    };
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (key.asymmetricKeyType?.startsWith('rsa') && bits < MIN_RSA_BITS)
    return { problem: `is ${keyName(key)}; ${alg} needs an RSA key of at least ${MIN_RSA_BITS} bits.` };
  const pkcs8 = key.export({ type: 'pkcs8', format: 'pem' }).toString();
  try {
    // The same signing k6 will do, so whatever jose would refuse there is refused here.
    await signClientAssertion({ clientId: 'validation', privateKeyPem: pkcs8, alg }, 'https://validation.invalid/');
  } catch (error) {
    return { problem: `cannot sign ${alg} client assertions (${(error as Error).message}); give an RSA private key.` };
  }
  return { pkcs8 };
}
