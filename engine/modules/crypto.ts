import { createHash, createHmac, randomBytes as nodeRandomBytes, type BinaryLike } from 'node:crypto';

// `k6/crypto`: hashes, HMAC and random bytes, with k6's digest encodings.
const ALGORITHMS: Record<string, string> = {
  md4: 'md4',
  md5: 'md5',
  sha1: 'sha1',
  sha256: 'sha256',
  sha384: 'sha384',
  sha512: 'sha512',
  sha512_224: 'sha512-224',
  sha512_256: 'sha512-256',
  ripemd160: 'ripemd160',
};

function algorithm(name: string): string {
  const a = ALGORITHMS[name];
  if (!a) throw new Error(`unknown hash algorithm "${name}": use one of ${Object.keys(ALGORITHMS).join(', ')}`);
  return a;
}

function input(data: string | ArrayBuffer | ArrayBufferView): BinaryLike {
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

function encode(digest: Buffer, encoding: string | undefined): string | ArrayBuffer {
  switch (encoding) {
    case 'hex':
      return digest.toString('hex');
    case 'base64':
      return digest.toString('base64');
    case 'base64url':
      return digest.toString('base64url') + '='.repeat((4 - (digest.toString('base64url').length % 4)) % 4);
    case 'base64rawurl':
      return digest.toString('base64url');
    case 'binary':
    case undefined:
      return new Uint8Array(digest).buffer;
    default:
      throw new Error(`unknown digest encoding "${encoding}": use hex, base64, base64url, base64rawurl or binary`);
  }
}

function hasher(make: () => ReturnType<typeof createHash> | ReturnType<typeof createHmac>) {
  const h = make();
  return {
    update(data: string | ArrayBuffer | ArrayBufferView) {
      h.update(input(data));
    },
    digest(encoding?: string) {
      return encode(h.digest(), encoding);
    },
  };
}

export function cryptoModule() {
  const hashFn = (name: string) => (data: string | ArrayBuffer, encoding: string) =>
    encode(createHash(algorithm(name)).update(input(data)).digest(), encoding);
  const fns = Object.fromEntries(Object.keys(ALGORITHMS).map((name) => [name, hashFn(name)]));
  return {
    ...fns,
    createHash: (name: string) => hasher(() => createHash(algorithm(name))),
    createHMAC: (name: string, secret: string | ArrayBuffer) =>
      hasher(() => createHmac(algorithm(name), input(secret))),
    hmac: (name: string, secret: string | ArrayBuffer, data: string | ArrayBuffer, encoding: string) =>
      encode(createHmac(algorithm(name), input(secret)).update(input(data)).digest(), encoding),
    randomBytes(size: number): ArrayBuffer {
      if (!Number.isInteger(size) || size < 1) throw new Error('randomBytes(size): size must be a whole number ≥ 1');
      return new Uint8Array(nodeRandomBytes(size)).buffer;
    },
  };
}
