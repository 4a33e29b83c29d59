import { base64UrlOfBytes } from '../checks/token/token-hash.ts';
import type { HarnessConfig } from './k6-and-node/harness-config.ts';
import { decodeBase64 } from './k6-and-node/polyfills/base64.ts';

// Certificate-bound access tokens (RFC 8705 §3): a token issued to a mutual TLS client whose
// application (or API) asks for binding carries cnf.x5t#S256, the thumbprint of the certificate it
// presented. crypto.subtle is a web global in k6 and Node alike.

const PEM_BODY = /-----BEGIN CERTIFICATE-----([^-]+)-----END CERTIFICATE-----/;

/** x5t#S256 of a PEM certificate (its first one, the leaf): base64url SHA-256 of its DER (RFC 8705 §3.1). */
export async function certificateThumbprint(pem: string): Promise<string> {
  const body = PEM_BODY.exec(pem)?.[1];
  if (!body) throw new Error('the client certificate is not a PEM certificate');
  const binary = decodeBase64(body);
  const der = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) der[i] = binary.charCodeAt(i);
  return base64UrlOfBytes(new Uint8Array(await crypto.subtle.digest('SHA-256', der)));
}

/** The thumbprint access tokens issued to `method`'s client must carry, when its configuration says they are bound. */
export async function boundThumbprint(config: HarnessConfig, method: string | null): Promise<string | undefined> {
  const client = method === 'tls_client_auth' || method === 'mtls_handshake' ? config.clients[method] : undefined;
  return client?.certificateBoundAccessTokens ? certificateThumbprint(client.certificatePem) : undefined;
}
