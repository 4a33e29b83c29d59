// A plain object as a request body, encoded as k6 encodes it (js/modules/k6/http/request.go): a form
// (application/x-www-form-urlencoded) unless one of its values is a file from http.file(), then
// multipart/form-data, written as Go's mime/multipart writes it.
import { randomBytes } from 'node:crypto';

/** What `http.file()` returns; the field names are those k6 gives scripts. */
export class FileData {
  constructor(
    readonly data: string | ArrayBuffer,
    readonly filename: string,
    readonly content_type: string,
  ) {}
}

/** `http.file(data, filename?, contentType?)`, with k6's defaults: the time in nanoseconds, and octet-stream. */
export function httpFile(data: unknown, filename?: string, contentType?: string): FileData {
  if (typeof data !== 'string' && !(data instanceof ArrayBuffer)) {
    const type = data === null ? 'null' : ArrayBuffer.isView(data) ? data.constructor.name : typeof data;
    throw new Error(
      `http.file(): invalid data of type ${type}, expected a string or an ArrayBuffer (open(path, 'b') gives one)`,
    );
  }
  const nanoseconds = (BigInt(Date.now()) * 1_000_000n).toString();
  return new FileData(data, filename ?? nanoseconds, contentType ?? 'application/octet-stream');
}

export interface EncodedForm {
  body: string | Buffer;
  contentType: string;
}

export function encodeForm(fields: Record<string, unknown>): EncodedForm {
  return Object.values(fields).some((v) => v instanceof FileData) ? multipart(fields) : urlEncoded(fields);
}

// Go's url.QueryEscape: everything but letters, digits and -_.~ is escaped, a space as '+'.
// encodeURIComponent also leaves !'()* as they are.
const queryEscape = (text: string): string =>
  encodeURIComponent(text)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');

/** Go's url.Values.Encode: keys sorted, an array's elements as repeated keys. */
function urlEncoded(fields: Record<string, unknown>): EncodedForm {
  const pairs: string[] = [];
  for (const key of Object.keys(fields).sort()) {
    const value = fields[key];
    for (const element of Array.isArray(value) ? value : [value])
      pairs.push(`${queryEscape(key)}=${queryEscape(String(element))}`);
  }
  return { body: pairs.join('&'), contentType: 'application/x-www-form-urlencoded' };
}

// Go's multipart.Writer quotes names with backslash escapes for \ and ".
const escapeQuotes = (text: string): string => text.replace(/[\\"]/g, (c) => `\\${c}`);

/**
 * Go's multipart.Writer: a random 60-hex-digit boundary, each part's headers in sorted order. Go
 * walks the fields in map order, which is random; here they follow the object's own order. As in k6,
 * a file part's field name goes into its header unescaped, a plain field's escaped.
 */
function multipart(fields: Record<string, unknown>): EncodedForm {
  const boundary = randomBytes(30).toString('hex');
  const chunks: Buffer[] = [];
  let first = true;
  const part = (headers: string[], data: string | ArrayBuffer) => {
    chunks.push(Buffer.from(`${first ? '' : '\r\n'}--${boundary}\r\n${headers.map((h) => `${h}\r\n`).join('')}\r\n`));
    chunks.push(typeof data === 'string' ? Buffer.from(data) : Buffer.from(data));
    first = false;
  };
  for (const [name, value] of Object.entries(fields)) {
    if (value instanceof FileData) {
      part(
        [
          `Content-Disposition: form-data; name="${name}"; filename="${escapeQuotes(value.filename)}"`,
          `Content-Type: ${value.content_type}`,
        ],
        value.data,
      );
    } else {
      part([`Content-Disposition: form-data; name="${escapeQuotes(name)}"`], String(value));
    }
  }
  chunks.push(Buffer.from(`\r\n--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
