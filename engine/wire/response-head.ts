// The head of a plain response (status line and headers), taken apart straight from the bytes, and
// the last one kept: a connection receives the same head over and over.

const CR = 13;
const LF = 10;
const SPACE = 32;
const TAB = 9;
const COLON = 58;
const ZERO = 48;
const NINE = 57;

// RFC 9110 tchar: the bytes a header name may have.
const TOKEN = new Uint8Array(256);
for (const c of "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
  TOKEN[c.charCodeAt(0)] = 1;

const isDigit = (c: number) => c >= ZERO && c <= NINE;
/** Printable ASCII or a tab: what a reason phrase or a header value is made of here. */
const isText = (c: number) => (c >= SPACE && c < 127) || c === TAB;
const isBlank = (c: number) => c === SPACE || c === TAB;

/** What http-parser-js hands its onHeadersComplete, in the same key order. */
interface HeadInfo {
  headers: string[];
  upgrade: boolean;
  versionMajor: number;
  versionMinor: number;
  statusCode: number;
  statusMessage: string;
  shouldKeepAlive: boolean;
}

// Where the names and values of a head's fields are (from, to, from, to), while it is checked.
const MAX_FIELDS = 256;
const FIELDS = new Int32Array(MAX_FIELDS * 4);

/** A head taken apart: its info, its length in bytes, and its body's length (Content-Length read as the package reads it, `+value`, so possibly NaN or negative). */
export interface Head {
  info: HeadInfo;
  length: number;
  contentLength: number;
}

/**
 * Reads a head at `start` that is wholly in `bytes` before `end`, or says undefined for anything but
 * the plain case: a status line `HTTP/d.d ddd reason`, `name: value` lines of tokens and printable
 * ASCII ended by CRLF, a Content-Length (a whole number), no Transfer-Encoding or Upgrade. Whatever it
 * declines goes to http-parser-js, which has the rules for the rest; what it accepts it reads as
 * that package does (test/engine/response-parser.spec.ts compares the two).
 */
function readHead(bytes: Buffer, start: number, end: number): Head | undefined {
  // "HTTP/1.1 200" and the CRLF CRLF at least.
  if (end - start < 16) return undefined;
  if (
    bytes[start] !== 72 ||
    bytes[start + 1] !== 84 ||
    bytes[start + 2] !== 84 ||
    bytes[start + 3] !== 80 ||
    bytes[start + 4] !== 47
  )
    return undefined;
  const major = bytes[start + 5];
  const minor = bytes[start + 7];
  if (!isDigit(major) || bytes[start + 6] !== 46 || !isDigit(minor) || bytes[start + 8] !== SPACE) return undefined;
  const s1 = bytes[start + 9];
  const s2 = bytes[start + 10];
  const s3 = bytes[start + 11];
  if (!isDigit(s1) || !isDigit(s2) || !isDigit(s3)) return undefined;
  // The package's pattern is `(\d{3}) ?(.*)`: one optional space, then the reason as it is.
  let i = start + 12;
  if (bytes[i] === SPACE) i++;
  const reasonFrom = i;
  while (i < end && isText(bytes[i])) i++;
  if (i + 1 >= end || bytes[i] !== CR || bytes[i + 1] !== LF) return undefined;
  const reasonTo = i;
  i += 2;

  // First the bytes are checked and the fields located; then the head is decoded once and cut.
  let fields = 0;
  for (;;) {
    if (i + 1 >= end) return undefined;
    if (bytes[i] === CR) {
      if (bytes[i + 1] !== LF) return undefined;
      i += 2;
      break;
    }
    if (fields === MAX_FIELDS) return undefined;
    const nameFrom = i;
    while (i < end && TOKEN[bytes[i]]) i++;
    // No name (a folded continuation line, or a malformed one): the package's rules.
    if (i === nameFrom || i >= end || bytes[i] !== COLON) return undefined;
    const nameTo = i++;
    while (i < end && isBlank(bytes[i])) i++;
    const valueFrom = i;
    let valueTo = i;
    for (; i < end && isText(bytes[i]); i++) if (!isBlank(bytes[i])) valueTo = i + 1;
    if (i + 1 >= end || bytes[i] !== CR || bytes[i + 1] !== LF) return undefined;
    i += 2;
    const at = fields++ * 4;
    FIELDS[at] = nameFrom - start;
    FIELDS[at + 1] = nameTo - start;
    FIELDS[at + 2] = valueFrom - start;
    FIELDS[at + 3] = valueTo - start;
  }
  const text = bytes.toString('latin1', start, i);
  const headers: string[] = new Array(fields * 2);
  let contentLength: number | undefined;
  let connection = '';
  for (let f = 0; f < fields; f++) {
    const at = f * 4;
    const name = text.slice(FIELDS[at], FIELDS[at + 1]);
    const value = text.slice(FIELDS[at + 2], FIELDS[at + 3]);
    headers[f * 2] = name;
    headers[f * 2 + 1] = value;
    switch (name.toLowerCase()) {
      case 'content-length': {
        // The package takes the value as `+value`, and fails on a second one that differs.
        const length = Number(value);
        if (contentLength !== undefined && length !== contentLength) return undefined;
        contentLength = length;
        break;
      }
      case 'connection':
        connection += value.toLowerCase();
        break;
      case 'transfer-encoding':
      // A 101 with Upgrade and Connection: upgrade ends the HTTP part of the connection.
      case 'upgrade':
        return undefined;
    }
  }
  // Without a length the body runs until the connection closes (or, for 1xx, 204 and 304, is empty).
  if (contentLength === undefined) return undefined;
  const versionMajor = major - ZERO;
  const versionMinor = minor - ZERO;
  // The package's keep-alive rule: HTTP/1.1 and later unless "close", earlier only with "keep-alive".
  const shouldKeepAlive =
    versionMajor > 0 && versionMinor > 0 ? !connection.includes('close') : connection.includes('keep-alive');
  const statusCode = (s1 - ZERO) * 100 + (s2 - ZERO) * 10 + (s3 - ZERO);
  const statusMessage = text.slice(reasonFrom - start, reasonTo - start);
  const info: HeadInfo = {
    headers,
    upgrade: false,
    versionMajor,
    versionMinor,
    statusCode,
    statusMessage,
    shouldKeepAlive,
  };
  // Shared by every response that repeats this head: nothing may change it.
  Object.freeze(headers);
  return { info: Object.freeze(info), length: i - start, contentLength };
}

/**
 * The last head one connection read, with its bytes: a server answers a repeated request with the
 * same head (its Date changes once a second), so most heads are recognised by comparing bytes rather
 * than taken apart into a dozen new strings again.
 */
export class ResponseHead {
  private bytes = Buffer.alloc(0);
  private last: Head | undefined;

  /** The head at `start` in `chunk`, complete before `end`; undefined when it is not a plain one. */
  read(chunk: Buffer, start: number, end: number): Head | undefined {
    const last = this.last;
    if (
      last &&
      end - start >= last.length &&
      chunk.compare(this.bytes, 0, last.length, start, start + last.length) === 0
    )
      return last;
    const head = readHead(chunk, start, end);
    if (head) {
      // A buffer of its own: a slice of Node's shared pool would keep the whole 8 KB slab alive for as
      // long as the connection lives.
      if (this.bytes.length < head.length) this.bytes = Buffer.allocUnsafeSlow(head.length);
      chunk.copy(this.bytes, 0, start, start + head.length);
      this.last = head;
    }
    return head;
  }
}
