import { importPKCS8, SignJWT, type CryptoKey } from 'jose';
import { runtimeCannotUse } from '../../checks/token/runtime-algorithms.ts';
import { signingRules, type AdvertisedAlgorithms } from '../../checks/token/signing-rules.ts';
import type { HarnessConfig } from './harness-config.ts';
import { algorithmsForKey, privateKeyType } from './private-key-type.ts';

// private_key_jwt client assertions (RFC 7523 §3, docs/auth0-api.md §5): iss = sub = client_id, aud = the
// tenant issuer `https://{domain}/`, a fresh jti, exp at most 5 minutes ahead. jose signs through
// crypto.subtle, which k6 and Node both provide. The flaws are the negative cases the suite sends.
// The algorithm is the configured one, else the key's (RS256 for RSA, the curve's ES algorithm for
// EC, EdDSA for Ed25519), preferring one the provider accepts (assertionAlgorithm).

export type AssertionFlaw =
  | 'expired'
  | 'over_long'
  | 'wrong_audience'
  | 'iat_in_future'
  | 'iat_in_milliseconds'
  | 'lifetime_over_5_minutes';

export interface AssertionClient {
  clientId: string;
  privateKeyPem: string;
  /** The JWS algorithm; when left out, the key's (see assertionAlgorithm). */
  alg?: string;
  kid?: string;
}

/**
 * Thrown when this runtime cannot sign with the client's algorithm (k6 has no Ed25519): the flow's
 * cells are skipped with this message rather than failed, since the provider was never asked.
 */
export class AssertionAlgorithmUnavailable extends Error {
  override name = 'AssertionAlgorithmUnavailable';
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

function keyFor(client: AssertionClient, alg: string): Promise<CryptoKey> {
  const cacheKey = `${alg}\u0000${client.privateKeyPem}`;
  let key = keys.get(cacheKey);
  if (!key) {
    key = importPKCS8(client.privateKeyPem, alg);
    keys.set(cacheKey, key);
  }
  return key;
}

/**
 * The algorithm the client's assertions are signed with: its configured alg; else the first the key
 * signs with that `accepted` lists (the provider's advertised algorithms); else the key's first.
 */
export function assertionAlgorithm(client: AssertionClient, accepted?: readonly string[]): string {
  if (client.alg) return client.alg;
  const key = privateKeyType(client.privateKeyPem);
  // The configuration schema refuses a key of no usable type; RS256 lets jose say why it will not import.
  const candidates = typeof key === 'string' ? ['RS256'] : algorithmsForKey(key);
  return candidates.find((alg) => accepted?.includes(alg)) ?? candidates[0];
}

type ConfiguredAlgorithm = NonNullable<HarnessConfig['clients']['private_key_jwt']>['alg'];

/**
 * The configuration with the private_key_jwt client's algorithm settled before any flow signs: the
 * configured one, else the first the key signs with that the profile accepts (Auth0's documented
 * ones, or discovery's token_endpoint_auth_signing_alg_values_supported).
 */
export function withAssertionAlgorithm(
  config: HarnessConfig,
  profile: 'auth0' | 'oidc',
  advertised: AdvertisedAlgorithms,
): HarnessConfig {
  const client = config.clients.private_key_jwt;
  if (!client || client.alg) return config;
  const alg = assertionAlgorithm(client, signingRules(profile, 'client_assertion', advertised).algorithms);
  return { ...config, clients: { ...config.clients, private_key_jwt: { ...client, alg: alg as ConfiguredAlgorithm } } };
}

export async function signClientAssertion(
  client: AssertionClient,
  audience: string,
  flaw?: AssertionFlaw,
): Promise<string> {
  const alg = assertionAlgorithm(client);
  const cannot = await runtimeCannotUse(alg);
  if (cannot)
    throw new AssertionAlgorithmUnavailable(
      `the private_key_jwt client's assertions cannot be signed here: ${cannot}; give clients.private_key_jwt an RSA or EC key, or run with --engine local`,
    );
  const { iat, exp } = timesFor(flaw, Math.floor(Date.now() / 1000));
  return new SignJWT({})
    .setProtectedHeader({ alg, typ: 'JWT', ...(client.kid ? { kid: client.kid } : {}) })
    .setIssuer(client.clientId)
    .setSubject(client.clientId)
    .setAudience(flaw === 'wrong_audience' ? 'https://wrong-audience.invalid/' : audience)
    .setJti(crypto.randomUUID())
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .sign(await keyFor(client, alg));
}

export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
