import { CLIENT_ASSERTION_TYPE, signClientAssertion, type AssertionFlaw } from './client-assertion.ts';
import type { HarnessConfig } from './harness-config.ts';
import { encodeBase64 } from './polyfills/base64.ts';

// Client authentication as the Authentication API accepts it (docs/auth0-api.md §5). Names are the OAuth
// `token_endpoint_auth_method` values where one exists, so reports and the matrix share them. Mutual TLS
// comes two ways: `tls_client_auth` is Auth0's customer-edge scheme (the edge ends TLS and forwards the
// certificate in headers), `mtls_handshake` is RFC 8705 itself (the certificate in the TLS handshake,
// k6's tlsAuth), which serves a server registering either tls_client_auth or self_signed_tls_client_auth.
export const CREDENTIAL_METHODS = [
  'none',
  'client_secret_post',
  'client_secret_basic',
  'private_key_jwt',
  'tls_client_auth',
  'mtls_handshake',
  'bearer',
] as const;

export type CredentialMethod = (typeof CREDENTIAL_METHODS)[number];

/** Methods by which a client authenticates itself (bearer authorises a user's request instead). */
export type ClientMethod = Exclude<CredentialMethod, 'bearer'>;

/** The mutual TLS methods: Auth0 takes them where its mTLS edge forwards (docs/auth0-api.md §5). */
export const isMutualTls = (method: CredentialMethod): method is 'tls_client_auth' | 'mtls_handshake' =>
  method === 'tls_client_auth' || method === 'mtls_handshake';

export interface AuthenticatedRequestParts {
  params: Record<string, string>;
  headers: Record<string, string>;
}

/** How to spoil the credential for a negative case. */
export type CredentialFlaw = 'wrong_secret' | 'missing_secret' | AssertionFlaw;

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
  // for them but right for any other provider (docs/auth0-api.md §5 notes Auth0's own handling is unconfirmed).
  const basic = `${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.clientSecret)}`;
  return { params, headers: { Authorization: `Basic ${encodeBase64(basic)}` } };
}

/**
 * Adds the method's client authentication to a request's parameters and headers; with a flaw, the
 * spoiled variant a negative case sends. Undefined when the configuration has no client for it.
 */
export async function authenticate(
  config: HarnessConfig,
  method: ClientMethod,
  params: Record<string, string>,
  flaw?: CredentialFlaw,
): Promise<AuthenticatedRequestParts | undefined> {
  switch (method) {
    case 'none': {
      const client = config.clients.none;
      return client && { params: { ...params, client_id: client.clientId }, headers: {} };
    }
    case 'client_secret_post':
    case 'client_secret_basic': {
      const client = config.clients[method];
      if (!client) return undefined;
      if (flaw === 'missing_secret') return { params: { ...params, client_id: client.clientId }, headers: {} };
      const secret = flaw === 'wrong_secret' ? `${client.clientSecret}-wrong` : client.clientSecret;
      return withClientSecret(method, { clientId: client.clientId, clientSecret: secret }, params);
    }
    case 'private_key_jwt': {
      const client = config.clients.private_key_jwt;
      if (!client) return undefined;
      if (flaw === 'missing_secret') return { params: { ...params, client_id: client.clientId }, headers: {} };
      const assertionFlaw = flaw === 'wrong_secret' ? undefined : flaw;
      const assertion = await signClientAssertion(client, config.issuer, assertionFlaw);
      return {
        params: {
          ...params,
          client_id: client.clientId,
          client_assertion_type: CLIENT_ASSERTION_TYPE,
          client_assertion: assertion,
        },
        headers: {},
      };
    }
    case 'tls_client_auth': {
      const client = config.clients.tls_client_auth;
      if (!client) return undefined;
      // docs/auth0-api.md §5: the customer edge terminates TLS and forwards the leaf certificate URL-encoded, with
      // the custom-domain API key that proves the request came through the edge.
      const headers: Record<string, string> = { 'cname-api-key': config.customDomainApiKey ?? '' };
      if (flaw !== 'missing_secret') {
        headers['client-certificate'] = encodeURIComponent(client.certificatePem);
        headers['client-certificate-ca-verified'] = flaw === 'wrong_secret' ? 'FAILED' : client.caVerified;
      }
      return { params: { ...params, client_id: client.clientId }, headers };
    }
    case 'mtls_handshake': {
      const client = config.clients.mtls_handshake;
      // RFC 8705 §2: the certificate is in the TLS handshake (the scenario's tlsAuth); the body names the
      // client. A request without the certificate is one sent where no handshake asks for it (token-request.ts).
      return client && { params: { ...params, client_id: client.clientId }, headers: {} };
    }
  }
}
