// Which JWS algorithms the runtime's WebCrypto can sign and verify with. k6's (1.x) implements
// RSASSA-PKCS1-v1_5, RSA-PSS, ECDSA on P-256/P-384/P-521 and HMAC, and no Ed25519 (its webcrypto
// module has no Ed25519 algorithm); Node's implements them all. The runtime is probed, not guessed,
// so the local engine and a future k6 with Ed25519 both verify EdDSA signatures.

const ED25519_ALGORITHMS = ['EdDSA', 'Ed25519'];

// RFC 8037 Appendix A.2: the example Ed25519 public key, a valid point to import.
const ED25519_EXAMPLE_KEY = { kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' };

// One probe per WebCrypto implementation.
const probes = new WeakMap<typeof crypto.subtle, Promise<boolean>>();

function hasEd25519(): Promise<boolean> {
  const subtle = crypto.subtle;
  let probe = probes.get(subtle);
  if (!probe) {
    probe = Promise.resolve()
      .then(() => subtle.importKey('jwk', ED25519_EXAMPLE_KEY, { name: 'Ed25519' }, false, ['verify']))
      .then(
        () => true,
        () => false,
      );
    probes.set(subtle, probe);
  }
  return probe;
}

/**
 * Why this runtime cannot sign or verify with `alg`, or undefined when it can: the sentence names the
 * missing primitive and what k6 offers instead; the caller adds what to do about it.
 */
export async function runtimeCannotUse(alg: string): Promise<string | undefined> {
  if (!ED25519_ALGORITHMS.includes(alg) || (await hasEd25519())) return undefined;
  return `${alg} needs Ed25519, which this runtime's WebCrypto does not implement (k6's offers RSASSA-PKCS1-v1_5, RSA-PSS, ECDSA and HMAC)`;
}
