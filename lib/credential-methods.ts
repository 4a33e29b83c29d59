import { encodeBase64 } from './polyfills/base64.ts';

// Client authentication as the Authentication API accepts it (spec §5). Names are the OAuth
// `token_endpoint_auth_method` values where one exists, so reports and the matrix share them.
export const CREDENTIAL_METHODS = [
  'none',
  'client_secret_post',
  'client_secret_basic',
  'private_key_jwt',
  'tls_client_auth',
  'bearer',
] as const;

export type CredentialMethod = (typeof CREDENTIAL_METHODS)[number];

export interface AuthenticatedRequestParts {
  params: Record<string, string>;
  headers: Record<string, string>;
}

/** Adds a client id and secret the way the method sends them: in the body, or as HTTP Basic. */
export function withClientSecret(
  method: 'client_secret_post' | 'client_secret_basic',
  client: { clientId: string; clientSecret: string },
  params: Record<string, string>,
): AuthenticatedRequestParts {
  if (method === 'client_secret_post') {
    return { params: { ...params, client_id: client.clientId, client_secret: client.clientSecret }, headers: {} };
  }
  // RFC 6749 §2.3.1 form-encodes id and secret before base64; Auth0's are URL-safe, so this is a no-op
  // for them but right for any other provider (spec §5 notes Auth0's own handling is unconfirmed).
  const basic = `${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.clientSecret)}`;
  return { params, headers: { Authorization: `Basic ${encodeBase64(basic)}` } };
}
