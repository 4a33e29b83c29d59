// at_hash and c_hash (OIDC Core §3.1.3.6, §3.3.2.11): the left half of the hash of the ASCII value,
// with the hash of the ID token's alg (SHA-256 for RS256/PS256/ES256 …), base64url without padding.
// crypto.subtle is a web global in k6 (>= 0.5x) and Node alike.

const HASH_OF_ALG: Record<string, string> = { '256': 'SHA-256', '384': 'SHA-384', '512': 'SHA-512' };
// OIDC Core §3.1.3.6 (errata set 2): for EdDSA the curve picks the hash, SHA-512 for Ed25519. Ed448's
// SHAKE256 is not a WebCrypto digest, so an EdDSA token is taken to be Ed25519's.
const HASH_OF_EDDSA: Record<string, string> = { EdDSA: 'SHA-512', Ed25519: 'SHA-512' };

export function base64UrlOfBytes(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export async function leftHalfHash(value: string, alg: string): Promise<string | undefined> {
  const hash = HASH_OF_EDDSA[alg] ?? HASH_OF_ALG[alg.slice(-3)];
  if (!hash) return undefined;
  const digest = new Uint8Array(await crypto.subtle.digest(hash, new TextEncoder().encode(value)));
  return base64UrlOfBytes(digest.slice(0, digest.length / 2));
}
