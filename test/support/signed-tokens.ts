import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import type { JSONWebKeySet } from 'jose';

// RS256 tokens signed by a test key whose public half is in `jwks`, and a second key with the same
// kid for forged signatures.

const b64 = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');

function keyPair(kid: string) {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    kid,
    privateKey,
    jwk: { ...(publicKey.export({ format: 'jwk' }) as object), kid, alg: 'RS256', use: 'sig' },
  };
}

export const tenantKey = keyPair('tenant-key');
export const forgedKey = keyPair('tenant-key');
export const jwks = { keys: [tenantKey.jwk] } as JSONWebKeySet;

export function signJwt(
  payload: object,
  header: object = { alg: 'RS256', typ: 'JWT', kid: 'tenant-key' },
  key = tenantKey.privateKey,
): string {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`;
}

export const unsignedJwt = (payload: object, header: object) => `${b64(header)}.${b64(payload)}.`;

/** at_hash / c_hash for RS256, computed independently of the code under test. */
export const leftHalfSha256 = (value: string) =>
  createHash('sha256').update(value).digest().subarray(0, 16).toString('base64url');
