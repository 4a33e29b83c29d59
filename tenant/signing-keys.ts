import { createHash, generateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { signingKeyCertificate } from './x509-certificates.ts';

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  publicJwk: Record<string, unknown>;
}

export interface RsaKeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

/**
 * A new 2048-bit RSA key pair, made on libuv's thread pool: the tenant's few keys are made side by side
 * (a start makes three: its signing key, the private_key_jwt client's, the SAML IdP's), and the event
 * loop stays free meanwhile.
 */
export const newRsaKeyPair = (): Promise<RsaKeyPair> => promisify(generateKeyPair)('rsa', { modulusLength: 2048 });

/**
 * A fresh RS256 key (`keyPair`, when it was started earlier); kid is the RFC 7638 thumbprint of its
 * public JWK, as Auth0 uses, and the JWK carries x5c/x5t like Auth0's (docs/auth0-api.md §2.4): a
 * self-signed certificate for the key.
 */
export async function generateSigningKey(
  issuerHost: string,
  keyPair: Promise<RsaKeyPair> = newRsaKeyPair(),
): Promise<SigningKey> {
  const { privateKey, publicKey } = await keyPair;
  const jwk = publicKey.export({ format: 'jwk' }) as { n: string; e: string };
  const kid = createHash('sha256')
    .update(JSON.stringify({ e: jwk.e, kty: 'RSA', n: jwk.n }))
    .digest('base64url');
  const der = await signingKeyCertificate(privateKey, publicKey, issuerHost);
  return {
    kid,
    privateKey,
    publicKey,
    publicJwk: {
      kty: 'RSA',
      use: 'sig',
      alg: 'RS256',
      n: jwk.n,
      e: jwk.e,
      kid,
      x5t: createHash('sha1').update(der).digest('base64url'),
      x5c: [der.toString('base64')],
    },
  };
}
