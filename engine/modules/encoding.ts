// `k6/encoding`: base64 in k6's four flavours (std and url alphabets, padded or raw).
type Flavour = 'std' | 'rawstd' | 'url' | 'rawurl';

function flavour(encoding: string | undefined): Flavour {
  const f = (encoding || 'std') as Flavour;
  if (!['std', 'rawstd', 'url', 'rawurl'].includes(f))
    throw new Error(`unknown base64 encoding "${encoding}": use std, rawstd, url or rawurl`);
  return f;
}

function bytesOf(input: string | ArrayBuffer | ArrayBufferView): Buffer {
  if (typeof input === 'string') return Buffer.from(input, 'utf8');
  if (input instanceof ArrayBuffer) return Buffer.from(input);
  return Buffer.from(input.buffer, input.byteOffset, input.byteLength);
}

function b64encode(input: string | ArrayBuffer | ArrayBufferView, encoding?: string): string {
  const f = flavour(encoding);
  let out = bytesOf(input).toString(f === 'url' || f === 'rawurl' ? 'base64url' : 'base64');
  if (f === 'rawstd') out = out.replace(/=+$/, '');
  if (f === 'url') out += '='.repeat((4 - (out.length % 4)) % 4);
  return out;
}

function b64decode(input: string, encoding?: string, format?: 's'): string | ArrayBuffer {
  const f = flavour(encoding);
  const alphabet = f === 'url' || f === 'rawurl' ? /^[A-Za-z0-9_-]*={0,2}$/ : /^[A-Za-z0-9+/]*={0,2}$/;
  if (!alphabet.test(input)) throw new Error(`b64decode: the input is not valid ${f} base64`);
  const buf = Buffer.from(input, f === 'url' || f === 'rawurl' ? 'base64url' : 'base64');
  return format === 's' ? buf.toString('utf8') : buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
}

export const encodingModule = () => ({ b64encode, b64decode });
