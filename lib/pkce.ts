import { base64UrlOfBytes } from '../checks/token/token-hash.ts';

// PKCE (RFC 7636 §4.1-4.2): a high-entropy verifier and its S256 challenge, the only method Auth0
// documents (docs/auth0-api.md §2.5). crypto.getRandomValues and crypto.subtle are web globals in k6 and Node.

export interface Pkce {
  verifier: string;
  challenge: string;
  method: 'S256';
}

export async function createPkce(): Promise<Pkce> {
  const verifier = base64UrlOfBytes(crypto.getRandomValues(new Uint8Array(32)));
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  return { verifier, challenge: base64UrlOfBytes(digest), method: 'S256' };
}
