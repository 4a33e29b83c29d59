import { importPKCS8, SignJWT, type CryptoKey } from 'jose';

// private_key_jwt client assertions (RFC 7523 §3, docs/auth0-api.md §5): iss = sub = client_id, aud = the
// tenant issuer `https://{domain}/`, a fresh jti, exp at most 5 minutes ahead. jose signs through
// crypto.subtle, which k6 and Node both provide. The flaws are the negative cases the suite sends.

export type AssertionFlaw =
  'expired' | 'over_long' | 'wrong_audience' | 'iat_in_future' | 'iat_in_milliseconds' | 'lifetime_over_5_minutes';

export interface AssertionClient {
  clientId: string;
  privateKeyPem: string;
  alg: string;
  kid?: string;
}

// SDK practice (docs/auth0-api.md §5): node-auth0 uses 2 minutes. Auth0 refuses lifetimes over 5 minutes.
const LIFETIME_SECONDS = 120;
const OVER_LONG_SECONDS = 3600;

/**
 * iat and exp of an assertion with the flaw, from now (epoch seconds). Auth0 tolerates 10 s of skew on
 * iat and at most 5 minutes from iat to exp (docs/auth0-api.md §5): a minute ahead is past the skew,
 * and iat two minutes back with exp four ahead keeps exp within 5 minutes of now yet lives 6.
 */
function timesFor(flaw: AssertionFlaw | undefined, now: number): { iat: number; exp: number } {
  switch (flaw) {
    case 'expired':
      return { iat: now - 600, exp: now - 300 };
    case 'over_long':
      return { iat: now, exp: now + OVER_LONG_SECONDS };
    case 'iat_in_future':
      return { iat: now + 60, exp: now + 60 + LIFETIME_SECONDS };
    case 'iat_in_milliseconds':
      return { iat: now * 1000, exp: now + LIFETIME_SECONDS };
    case 'lifetime_over_5_minutes':
      return { iat: now - 120, exp: now + 240 };
    default:
      return { iat: now, exp: now + LIFETIME_SECONDS };
  }
}

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
  const { iat, exp } = timesFor(flaw, Math.floor(Date.now() / 1000));
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
