import { createPrivateKey, type KeyObject } from 'node:crypto';
import { signClientAssertion } from '../lib/k6-and-node/client-assertion.ts';
import { algorithmsForKey, describeKey, privateKeyType } from '../lib/k6-and-node/private-key-type.ts';
import { pemBlocks, pemContentsName } from './pem-blocks.ts';

// The private_key_jwt key, checked before anything runs: a key k6 cannot import would otherwise fail
// every private_key_jwt cell in the middle of the run. Any private key PEM Node reads is taken
// (PKCS#8, PKCS#1, SEC1) and handed to k6 as PKCS#8, the one form jose's importPKCS8 accepts there.
// RSA, EC (P-256, P-384, P-521) and Ed25519 keys sign, each with the algorithms of its type.

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
 * The key as PKCS#8 PEM when it can sign client assertions (with `alg`, when it fits the key), or a
 * sentence (without the field's name) saying why not and what to give instead.
 */
export async function checkClientPrivateKey(pem: string, alg?: string): Promise<PrivateKeyCheck> {
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
  const pkcs8 = key.export({ type: 'pkcs8', format: 'pem' }).toString();
  const type = privateKeyType(pkcs8);
  if (typeof type === 'string')
    return { problem: `is ${type}; give an RSA, EC (P-256, P-384 or P-521) or Ed25519 key.` };
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (type.kty === 'RSA' && bits < MIN_RSA_BITS)
    return { problem: `is ${keyName(key)}; RS* and PS* need an RSA key of at least ${MIN_RSA_BITS} bits.` };
  const fits = algorithmsForKey(type);
  if (alg && !fits.includes(alg))
    return {
      problem: `is ${describeKey(type)}, which cannot sign ${alg}; set alg to one of ${fits.join(', ')}, or leave it out to sign with ${fits[0]}.`,
    };
  const signWith = alg ?? fits[0];
  try {
    // The same signing k6 will do, so whatever jose would refuse there is refused here.
    await signClientAssertion(
      { clientId: 'validation', privateKeyPem: pkcs8, alg: signWith },
      'https://validation.invalid/',
    );
  } catch (error) {
    return { problem: `cannot sign ${signWith} client assertions (${(error as Error).message}); give another key.` };
  }
  return { pkcs8 };
}
