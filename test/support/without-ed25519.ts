// k6's WebCrypto implements RSASSA-PKCS1-v1_5, RSA-PSS, ECDSA and HMAC, and answers any other
// algorithm name with NotSupportedError (its webcrypto module's normalizeAlgorithm). Node's WebCrypto
// stands in for k6's here, with Ed25519 taken away, to show what a k6 run says.

/** Runs `run` with the global WebCrypto refusing to import Ed25519 keys, as k6's does. */
export async function withoutEd25519<T>(run: () => Promise<T>): Promise<T> {
  const original = Object.getOwnPropertyDescriptor(globalThis, 'crypto') as PropertyDescriptor;
  const real = globalThis.crypto;
  const subtle = new Proxy(real.subtle, {
    get(target, name) {
      if (name === 'importKey')
        return (...args: unknown[]) => {
          const algorithm = args[2] as string | { name: string };
          const algName = typeof algorithm === 'string' ? algorithm : algorithm.name;
          return algName === 'Ed25519'
            ? Promise.reject(new DOMException(`unsupported algorithm: ${algName}`, 'NotSupportedError'))
            : (target.importKey as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        };
      const value = Reflect.get(target, name) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  Object.defineProperty(globalThis, 'crypto', {
    configurable: true,
    value: { subtle, getRandomValues: real.getRandomValues.bind(real), randomUUID: real.randomUUID.bind(real) },
  });
  try {
    return await run();
  } finally {
    Object.defineProperty(globalThis, 'crypto', original);
  }
}
