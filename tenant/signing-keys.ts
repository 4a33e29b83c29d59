import { createHash, generateKeyPairSync, type KeyObject } from 'node:crypto';

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicJwk: Record<string, string>;
}

/** A fresh RS256 key; kid is the RFC 7638 thumbprint of its public JWK, as Auth0 uses. */
export function generateSigningKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = publicKey.export({ format: 'jwk' }) as { n: string; e: string };
  const thumbprintInput = JSON.stringify({ e: jwk.e, kty: 'RSA', n: jwk.n });
  const kid = createHash('sha256').update(thumbprintInput).digest('base64url');
  return { kid, privateKey, publicJwk: { kty: 'RSA', use: 'sig', alg: 'RS256', kid, n: jwk.n, e: jwk.e } };
}
