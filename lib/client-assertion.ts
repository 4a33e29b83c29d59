import { importPKCS8, SignJWT, type CryptoKey } from 'jose';

// private_key_jwt client assertions (RFC 7523 §3, docs/auth0-api.md §5): iss = sub = client_id, aud = the
// tenant issuer `https://{domain}/`, a fresh jti, exp at most 5 minutes ahead. jose signs through
// crypto.subtle, which k6 and Node both provide. The flaws are the negative cases the suite sends.

export type AssertionFlaw = 'expired' | 'over_long' | 'wrong_audience';

export interface AssertionClient {
  clientId: string;
  privateKeyPem: string;
  alg: string;
  kid?: string;
}

// SDK practice (docs/auth0-api.md §5): node-auth0 uses 2 minutes. Auth0 refuses lifetimes over 5 minutes.
const LIFETIME_SECONDS = 120;
const OVER_LONG_SECONDS = 3600;

const keys = new Map<string, Promise<CryptoKey>>();

function keyFor(client: AssertionClient): Promise<CryptoKey> {
  const cacheKey = `${client.alg}\u0000${client.privateKeyPem}`;
  let key = keys.get(cacheKey);
  if (!key) {
    key = importPKCS8(client.privateKeyPem, client.alg);
    keys.set(cacheKey, key);
  }
  return key;
}

export async function signClientAssertion(
  client: AssertionClient,
  audience: string,
  flaw?: AssertionFlaw,
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const iat = flaw === 'expired' ? now - 600 : now;
  const exp = flaw === 'expired' ? now - 300 : now + (flaw === 'over_long' ? OVER_LONG_SECONDS : LIFETIME_SECONDS);
  return new SignJWT({})
    .setProtectedHeader({ alg: client.alg, typ: 'JWT', ...(client.kid ? { kid: client.kid } : {}) })
    .setIssuer(client.clientId)
    .setSubject(client.clientId)
    .setAudience(flaw === 'wrong_audience' ? 'https://wrong-audience.invalid/' : audience)
    .setJti(crypto.randomUUID())
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .sign(await keyFor(client));
}

export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
