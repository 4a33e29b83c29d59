import type { HarnessConfig } from './k6-and-node/harness-config.ts';

/** k6's TLS options (tlsAuth, insecureSkipTLSVerify), as a scenario's `options` take them. */
export interface TlsOptions {
  tlsAuth?: { cert: string; key: string; password?: string }[];
  insecureSkipTLSVerify?: boolean;
}

/**
 * The TLS options a run with this configuration needs: the mutual TLS client's certificate, which k6
 * presents in the handshake to any server that asks (RFC 8705), and insecureSkipTLSVerify when the
 * configuration asks for it. tlsAuth's `domains` are left out: k6 does not use them and warns when
 * they are given. Read in the init context, where the configuration is.
 */
export function tlsOptions(config: HarnessConfig): TlsOptions {
  const client = config.clients.mtls_handshake;
  return {
    ...(config.insecureSkipTLSVerify ? { insecureSkipTLSVerify: true } : {}),
    ...(client
      ? {
          tlsAuth: [
            {
              cert: client.certificatePem,
              key: client.privateKeyPem,
              ...(client.privateKeyPassword ? { password: client.privateKeyPassword } : {}),
            },
          ],
        }
      : {}),
  };
}
