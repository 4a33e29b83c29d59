import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';

// k6 decodes a response body by its Content-Encoding (gzip, deflate, br) and keeps the header as
// received; it does not ask for compression itself. zstd (which k6 also decodes) has no decoder in
// Node 20, so such a body is handed over as received.
const DECODERS: Record<string, (body: Buffer) => Buffer> = {
  gzip: gunzipSync,
  'x-gzip': gunzipSync,
  br: brotliDecompressSync,
  // "deflate" is meant to be zlib-wrapped, but some servers send raw deflate.
  deflate: (body) => {
    try {
      return inflateSync(body);
    } catch {
      return inflateRawSync(body);
    }
  },
};

/** The body decoded per its Content-Encoding (codings applied in order are undone in reverse). */
export function decodeContent(body: Buffer, contentEncoding: string): Buffer {
  const codings = contentEncoding
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c && c !== 'identity');
  let decoded = body;
  for (let i = codings.length - 1; i >= 0; i--) {
    const decode = DECODERS[codings[i]];
    if (!decode) return decoded;
    decoded = decode(decoded);
  }
  return decoded;
}
