import { decodeBase64 } from './polyfills/base64.ts';

// What kind of key a PKCS#8 PEM holds, read from its AlgorithmIdentifier (RFC 5208 §5, RFC 5480 §2.1
// for EC curves, RFC 8410 §3 for Ed25519): the client assertion's algorithm follows from it, and a
// configured alg is checked against it. WebCrypto and jose import PKCS#8 only, with the alg given, so
// the key's type is read here, from the DER, without importing it.

export type PrivateKeyType =
  | { kty: 'RSA' }
  | { kty: 'EC'; crv: 'P-256' | 'P-384' | 'P-521' }
  | { kty: 'OKP'; crv: 'Ed25519' };

// Object identifiers, as the hex of their DER content octets.
const RSA_ENCRYPTION = '2a864886f70d010101';
const EC_PUBLIC_KEY = '2a8648ce3d0201';
const ED25519 = '2b6570';
const CURVES: Record<string, 'P-256' | 'P-384' | 'P-521'> = {
  '2a8648ce3d030107': 'P-256',
  '2b81040022': 'P-384',
  '2b81040023': 'P-521',
};
// Keys a PEM may hold that private_key_jwt cannot use, named for the error.
const OTHER_KEYS: Record<string, string> = {
  '2a864886f70d01010a': 'an RSA-PSS (id-RSASSA-PSS) key, which WebCrypto cannot import',
  '2b6571': 'an Ed448 key, which WebCrypto cannot sign with',
  '2b656e': 'an X25519 key, which is for key agreement, not signatures',
  '2a8648ce380401': 'a DSA key, which JWS has no algorithm for',
};

const PKCS8 = /-----BEGIN PRIVATE KEY-----([\s\S]*?)-----END PRIVATE KEY-----/;

/** A DER element: its tag, and where its contents start and end. */
interface Element {
  tag: number;
  start: number;
  end: number;
}

function element(der: string, at: number): Element {
  const tag = der.charCodeAt(at);
  let length = der.charCodeAt(at + 1);
  let start = at + 2;
  if (length & 0x80) {
    const octets = length & 0x7f;
    length = 0;
    for (let i = 0; i < octets; i++) length = length * 256 + der.charCodeAt(start + i);
    start += octets;
  }
  if (Number.isNaN(tag) || start + length > der.length) throw new Error('truncated DER');
  return { tag, start, end: start + length };
}

const hex = (der: string, e: Element): string => {
  let out = '';
  for (let i = e.start; i < e.end; i++) out += der.charCodeAt(i).toString(16).padStart(2, '0');
  return out;
};

const SEQUENCE = 0x30;
const OID = 0x06;

/**
 * The type of the key in a PKCS#8 PEM, or a sentence saying why it is not one private_key_jwt can
 * sign with (`a PKCS#1 RSA key: convert it to PKCS#8 …`).
 */
export function privateKeyType(pem: string): PrivateKeyType | string {
  if (/BEGIN ENCRYPTED PRIVATE KEY/.test(pem))
    return 'an encrypted PKCS#8 key: decrypt it first (openssl pkcs8 -in key.pem -out key-plain.pem)';
  if (/BEGIN (RSA|EC) PRIVATE KEY/.test(pem))
    return `a ${/BEGIN RSA/.test(pem) ? 'PKCS#1 RSA' : 'SEC 1 EC'} key: convert it to PKCS#8 (openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem)`;
  const body = PKCS8.exec(pem)?.[1];
  if (body === undefined) return 'not a PEM private key: expected -----BEGIN PRIVATE KEY----- (PKCS#8)';
  try {
    const der = decodeBase64(body);
    // PrivateKeyInfo ::= SEQUENCE { version, AlgorithmIdentifier ::= SEQUENCE { OID, parameters }, … }
    const info = element(der, 0);
    const version = element(der, info.start);
    const algorithm = element(der, version.end);
    const oid = element(der, algorithm.start);
    if (info.tag !== SEQUENCE || algorithm.tag !== SEQUENCE || oid.tag !== OID) throw new Error('not PKCS#8');
    const type = hex(der, oid);
    if (type === RSA_ENCRYPTION) return { kty: 'RSA' };
    if (type === ED25519) return { kty: 'OKP', crv: 'Ed25519' };
    if (type === EC_PUBLIC_KEY) {
      const params = element(der, oid.end);
      const crv = params.tag === OID ? CURVES[hex(der, params)] : undefined;
      return crv ? { kty: 'EC', crv } : 'an EC key on a curve WebCrypto cannot sign with: use P-256, P-384 or P-521';
    }
    return OTHER_KEYS[type] ?? `a key of an algorithm private_key_jwt cannot sign with (OID content ${type})`;
  } catch {
    return 'not a readable PKCS#8 key: the PEM body is not DER-encoded PrivateKeyInfo';
  }
}

/**
 * The JWS algorithms a key signs with, in the harness's order of preference: RS256 first for RSA
 * (PS256 next), the curve's ES algorithm for EC (RFC 7518 §3.4), EdDSA for Ed25519 (RFC 8037 §3.1).
 */
export function algorithmsForKey(key: PrivateKeyType): string[] {
  switch (key.kty) {
    case 'RSA':
      return ['RS256', 'PS256', 'RS384', 'PS384', 'RS512', 'PS512'];
    case 'EC':
      return [{ 'P-256': 'ES256', 'P-384': 'ES384', 'P-521': 'ES512' }[key.crv]];
    case 'OKP':
      return ['EdDSA', 'Ed25519'];
  }
}

/** `an RSA key`, `an EC P-256 key`: the key as an error message names it. */
export const describeKey = (key: PrivateKeyType): string =>
  key.kty === 'RSA' ? 'an RSA key' : key.kty === 'EC' ? `an EC ${key.crv} key` : `an ${key.crv} key`;
