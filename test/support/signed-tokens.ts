import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import type { JSONWebKeySet } from 'jose';

// Tokens signed with node:crypto (independently of the code under test) by test keys whose public
// halves are in the JWKS below: an RSA key (RS256, PS256), an EC P-256 key (ES256) and an Ed25519 key
// (EdDSA); and a second RSA key with the RSA key's kid, for forged signatures.

const b64 = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');

interface TestKey {
  kid: string;
  privateKey: KeyObject;
  jwk: Record<string, unknown>;
}

function testKey(kid: string, pair: { privateKey: KeyObject; publicKey: KeyObject }, alg?: string): TestKey {
  const jwk = { ...(pair.publicKey.export({ format: 'jwk' }) as object), kid, use: 'sig', ...(alg ? { alg } : {}) };
  return { kid, privateKey: pair.privateKey, jwk };
}

export const tenantKey = testKey('tenant-key', generateKeyPairSync('rsa', { modulusLength: 2048 }), 'RS256');
export const forgedKey = testKey('tenant-key', generateKeyPairSync('rsa', { modulusLength: 2048 }), 'RS256');
export const pssKey = testKey('pss-key', generateKeyPairSync('rsa', { modulusLength: 2048 }));
export const ecKey = testKey('ec-key', generateKeyPairSync('ec', { namedCurve: 'P-256' }));
export const edKey = testKey('ed-key', generateKeyPairSync('ed25519'));

export const jwks = { keys: [tenantKey.jwk] } as JSONWebKeySet;
/** An EC key first, as some providers list them, then RSA and Ed25519 keys. */
export const mixedJwks = { keys: [ecKey.jwk, tenantKey.jwk, pssKey.jwk, edKey.jwk] } as JSONWebKeySet;

/** JWS signing input → signature, per alg (RFC 7518 §3; RFC 8037 §3.1). */
function signature(alg: string, input: Buffer, key: KeyObject): Buffer {
  const hash = `sha${alg.slice(-3)}`;
  if (alg.startsWith('RS')) return sign(hash, input, key);
  if (alg.startsWith('PS')) return sign(hash, input, { key, padding: 6, saltLength: Number(alg.slice(-3)) / 8 });
  if (alg.startsWith('ES')) return sign(hash, input, { key, dsaEncoding: 'ieee-p1363' });
  if (alg === 'EdDSA') return sign(null, input, key);
  throw new Error(`signed-tokens: no signer for ${alg}`);
}

export function signJwt(
  payload: object,
  header: { alg: string; [name: string]: unknown } = { alg: 'RS256', typ: 'JWT', kid: 'tenant-key' },
  key = tenantKey.privateKey,
): string {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${signature(header.alg, Buffer.from(input), key).toString('base64url')}`;
}

export const unsignedJwt = (payload: object, header: object) => `${b64(header)}.${b64(payload)}.`;

/** at_hash / c_hash for RS256, computed independently of the code under test. */
export const leftHalfSha256 = (value: string) =>
  createHash('sha256').update(value).digest().subarray(0, 16).toString('base64url');

/** at_hash / c_hash for EdDSA with Ed25519 (SHA-512, OIDC Core §3.1.3.6). */
export const leftHalfSha512 = (value: string) =>
  createHash('sha512').update(value).digest().subarray(0, 32).toString('base64url');
