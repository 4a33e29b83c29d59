// k6's `tlsCipherSuites` names (lib/tlsconfig.go: Go's constant names, which are IANA's but for the two
// ChaCha20 suites of TLS 1.2) and the OpenSSL names Node configures the same suites by. A TLS 1.3 name
// is accepted as k6 accepts it, but configures nothing: Go offers its TLS 1.3 suites whatever the list.

interface CipherSuite {
  openssl: string;
  tls13: boolean;
}

const tls12 = (openssl: string): CipherSuite => ({ openssl, tls13: false });
const tls13 = (name: string): CipherSuite => ({ openssl: name, tls13: true });

const SUITES: Record<string, CipherSuite> = {
  TLS_RSA_WITH_RC4_128_SHA: tls12('RC4-SHA'),
  TLS_RSA_WITH_3DES_EDE_CBC_SHA: tls12('DES-CBC3-SHA'),
  TLS_RSA_WITH_AES_128_CBC_SHA: tls12('AES128-SHA'),
  TLS_RSA_WITH_AES_256_CBC_SHA: tls12('AES256-SHA'),
  TLS_RSA_WITH_AES_128_CBC_SHA256: tls12('AES128-SHA256'),
  TLS_RSA_WITH_AES_128_GCM_SHA256: tls12('AES128-GCM-SHA256'),
  TLS_RSA_WITH_AES_256_GCM_SHA384: tls12('AES256-GCM-SHA384'),
  TLS_ECDHE_ECDSA_WITH_RC4_128_SHA: tls12('ECDHE-ECDSA-RC4-SHA'),
  TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA: tls12('ECDHE-ECDSA-AES128-SHA'),
  TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA: tls12('ECDHE-ECDSA-AES256-SHA'),
  TLS_ECDHE_RSA_WITH_RC4_128_SHA: tls12('ECDHE-RSA-RC4-SHA'),
  TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA: tls12('ECDHE-RSA-DES-CBC3-SHA'),
  TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA: tls12('ECDHE-RSA-AES128-SHA'),
  TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA: tls12('ECDHE-RSA-AES256-SHA'),
  TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256: tls12('ECDHE-RSA-AES128-GCM-SHA256'),
  TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256: tls12('ECDHE-ECDSA-AES128-GCM-SHA256'),
  TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384: tls12('ECDHE-RSA-AES256-GCM-SHA384'),
  TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384: tls12('ECDHE-ECDSA-AES256-GCM-SHA384'),
  TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256: tls12('ECDHE-ECDSA-AES128-SHA256'),
  TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305: tls12('ECDHE-RSA-CHACHA20-POLY1305'),
  TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305: tls12('ECDHE-ECDSA-CHACHA20-POLY1305'),
  TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256: tls12('ECDHE-RSA-AES128-SHA256'),
  TLS_AES_128_GCM_SHA256: tls13('TLS_AES_128_GCM_SHA256'),
  TLS_AES_256_GCM_SHA384: tls13('TLS_AES_256_GCM_SHA384'),
  TLS_CHACHA20_POLY1305_SHA256: tls13('TLS_CHACHA20_POLY1305_SHA256'),
};

const K6_NAME_OF_OPENSSL = new Map(Object.entries(SUITES).map(([k6Name, suite]) => [suite.openssl, k6Name]));

/** The suite k6 knows by this name, or undefined. */
export function cipherSuite(k6Name: string): CipherSuite | undefined {
  return Object.hasOwn(SUITES, k6Name) ? SUITES[k6Name] : undefined;
}

/**
 * `res.tls_cipher_suite`: k6's name of the negotiated suite (from Node's OpenSSL name), or "" for one
 * k6 has no name for, as k6 reports it.
 */
export function k6CipherSuiteName(openssl: string | undefined): string {
  return (openssl && K6_NAME_OF_OPENSSL.get(openssl)) ?? '';
}
