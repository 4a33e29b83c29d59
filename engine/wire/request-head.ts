import type { WireTarget } from './wire-target.ts';

// Go's client sends Content-Length: 0 for these methods without a body.
const LENGTH_REQUIRED = new Set(['POST', 'PUT', 'PATCH']);

/** Same names with the same values (the order is free: HTTP does not give header order a meaning). */
function sameHeaders(a: Record<string, string>, b: Record<string, string>): boolean {
  let count = 0;
  for (const name in a) {
    if (a[name] !== b[name]) return false;
    count++;
  }
  for (const _ in b) count--;
  return count === 0;
}

/**
 * The request heads one connection writes, as Go's client writes them. A VU repeats the same request
 * on its connection over and over, so the bytes of the last head are kept and written again when the
 * next request is the same: method, URL, headers and body length. A load generator writes identical
 * heads from one buffer; building the string and encoding it anew each time was a tenth of the
 * engine's own work per request.
 */
export class RequestHead {
  private method = '';
  private target: WireTarget | undefined;
  private headers: Record<string, string> = {};
  private bodyBytes = 0;
  private noReuse = false;
  private bytes = Buffer.alloc(0);

  /** The head's bytes; `bodyBytes` is -1 for a request without a body. */
  bytesFor(
    method: string,
    target: WireTarget,
    headers: Record<string, string>,
    bodyBytes: number,
    noReuse: boolean,
  ): Buffer {
    if (
      target === this.target &&
      method === this.method &&
      bodyBytes === this.bodyBytes &&
      noReuse === this.noReuse &&
      sameHeaders(headers, this.headers)
    ) {
      return this.bytes;
    }
    let host = target.host;
    let lines = '';
    for (const name in headers) {
      // Go takes a Host header as the request's host, and always computes Content-Length itself.
      if (name.length === 4 && name.toLowerCase() === 'host') host = headers[name];
      else if (name.length !== 14 || name.toLowerCase() !== 'content-length') lines += `${name}: ${headers[name]}\r\n`;
    }
    if (bodyBytes >= 0 || LENGTH_REQUIRED.has(method)) lines += `Content-Length: ${Math.max(0, bodyBytes)}\r\n`;
    if (noReuse) lines += 'Connection: close\r\n';
    // A buffer of its own: a slice of Node's shared pool would keep the whole 8 KB slab alive for as
    // long as the connection lives.
    const head = `${method} ${target.path} HTTP/1.1\r\nHost: ${host}\r\n${lines}\r\n`;
    this.bytes = Buffer.allocUnsafeSlow(Buffer.byteLength(head));
    this.bytes.write(head);
    this.method = method;
    this.target = target;
    this.headers = headers;
    this.bodyBytes = bodyBytes;
    this.noReuse = noReuse;
    return this.bytes;
  }
}
