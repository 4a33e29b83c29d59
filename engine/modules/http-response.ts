// k6's Response object, and the samples a request's answer records (k6's http_req_* metrics).
import { canonicalHeaderName } from '../canonical-header.ts';
import type { MetricRegistry, MetricSlot } from '../metrics/registry.ts';
import { sampleTags, type VuState } from '../vu-state.ts';
import type { Timings } from '../wire/request-timings.ts';
import type { WireResponse } from '../wire/wire-types.ts';
import { jsonSelect } from './json-selector.ts';
import { SentRequest } from './sent-request.ts';
import { responseCookies, type ResponseCookie } from './set-cookie.ts';

export type ResponseCallback = (status: number) => boolean;

function headersOf(raw: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (let i = 0; i < raw.length; i += 2) {
    const key = canonicalHeaderName(raw[i]);
    const value = raw[i + 1];
    headers[key] = key in headers ? `${headers[key]}, ${value}` : value;
  }
  return headers;
}

// A connection hands the same frozen header list to every response that repeats its last head
// (wire/response-head.ts): its headers object is made once, and each response gets a copy of it (a
// script may change its own).
const madeFrom = new WeakMap<readonly string[], Record<string, string>>();

/** k6's `res.headers`: names canonical as Go makes them, repeated headers joined with commas. */
export function responseHeaders(raw: readonly string[]): Record<string, string> {
  if (!Object.isFrozen(raw)) return headersOf(raw);
  let made = madeFrom.get(raw);
  if (!made) madeFrom.set(raw, (made = headersOf(raw)));
  const headers: Record<string, string> = {};
  for (const key in made) headers[key] = made[key];
  return headers;
}

/** Each Set-Cookie line apart (the headers object joins repeated lines with commas, as k6 shows them). */
export function setCookieLines(raw: string[]): string[] {
  const lines: string[] = [];
  for (let i = 0; i < raw.length; i += 2)
    if (raw[i].length === 10 && raw[i].toLowerCase() === 'set-cookie') lines.push(raw[i + 1]);
  return lines;
}

/** k6's Response object. */
export interface HttpResponse {
  status: number;
  status_text: string;
  proto: string;
  headers: Record<string, string>;
  body: string | ArrayBuffer | null | undefined;
  url: string;
  error: string;
  error_code: number;
  cookies: Record<string, ResponseCookie[]>;
  remote_ip: string;
  remote_port: number;
  /** The TLS version agreed, as k6 names it ("tls1.3"); "" without TLS. */
  tls_version: string;
  /** The cipher suite agreed, by k6's (Go's) name; "" without TLS. */
  tls_cipher_suite: string;
  request: SentRequest;
  timings: Timings;
  json(selector?: string): unknown;
}

/** k6's Response: the answer's fields, and json() on the prototype rather than a closure per response. */
class Response implements HttpResponse {
  readonly status_text: string;
  readonly proto: string;
  readonly error: string;
  readonly remote_ip: string;
  readonly remote_port: number;
  readonly tls_version: string;
  readonly tls_cipher_suite: string;

  constructor(
    readonly status: number,
    wire: WireResponse,
    readonly headers: Record<string, string>,
    readonly cookies: Record<string, ResponseCookie[]>,
    readonly body: string | ArrayBuffer | null,
    readonly url: string,
    readonly error_code: number,
    readonly request: SentRequest,
    readonly timings: Timings,
  ) {
    this.status_text = wire.error ? '' : `${status} ${wire.statusText}`.trim();
    this.proto = wire.error ? '' : 'HTTP/1.1';
    this.error = wire.error?.message ?? '';
    this.remote_ip = wire.remoteAddress;
    this.remote_port = wire.remotePort;
    this.tls_version = wire.tlsVersion;
    this.tls_cipher_suite = wire.tlsCipherSuite;
  }

  json(selector?: string): unknown {
    if (typeof this.body !== 'string')
      throw new Error('the response has no text body to parse as JSON (responseType is not "text")');
    const value = JSON.parse(this.body);
    return selector === undefined ? value : jsonSelect(value, selector);
  }

  // k6's HTML helpers need its k6/html module, which the engine does not have: a clear error rather than "not a function".
  html(): never {
    throw new Error(NO_HTML('res.html()'));
  }

  submitForm(): never {
    throw new Error(NO_HTML('res.submitForm()'));
  }

  clickLink(): never {
    throw new Error(NO_HTML('res.clickLink()'));
  }
}

const NO_HTML = (what: string) =>
  `${what} parses HTML with k6/html, which the local engine does not provide; run this script with k6`;

// The built-in metrics every request records (defined with the run, so their slots exist), looked up
// once per registry rather than by name nine times a request.
const REQUEST_METRICS = {
  reqs: 'http_reqs',
  duration: 'http_req_duration',
  blocked: 'http_req_blocked',
  connecting: 'http_req_connecting',
  tlsHandshaking: 'http_req_tls_handshaking',
  sending: 'http_req_sending',
  waiting: 'http_req_waiting',
  receiving: 'http_req_receiving',
  failed: 'http_req_failed',
};
type RequestSlots = Record<keyof typeof REQUEST_METRICS, MetricSlot>;
const requestSlotsOf = new WeakMap<MetricRegistry, RequestSlots>();

function requestSlots(registry: MetricRegistry): RequestSlots {
  let slots = requestSlotsOf.get(registry);
  if (!slots) {
    const found = {} as RequestSlots;
    for (const [key, name] of Object.entries(REQUEST_METRICS) as [keyof RequestSlots, string][]) {
      const slot = registry.slot(name);
      if (!slot) throw new Error(`the built-in metric ${name} is not defined`);
      found[key] = slot;
    }
    requestSlotsOf.set(registry, (slots = found));
  }
  return slots;
}

/** Records the request's samples, with k6's system tags, and builds the script's Response. */
export function makeResponse(
  vu: VuState,
  wire: WireResponse,
  url: URL,
  method: string,
  requestHeaders: Record<string, string>,
  headers: Record<string, string>,
  setCookie: string[] | undefined,
  responseType: 'text' | 'binary' | 'none',
  callback: ResponseCallback | null,
  extraTags: Record<string, string> | undefined,
): HttpResponse {
  const status = wire.status;
  const errorCode = wire.error ? wire.error.code : status >= 400 ? 1000 + status : 0;
  const expected = callback ? callback(status) : true;
  const urlText = url.href;
  const name = extraTags?.name ?? urlText;
  const tags = sampleTags(vu);
  tags.method = method;
  tags.url = name;
  tags.name = name;
  tags.status = String(status);
  // As k6 tags them: a failed request has no proto, and its error beside its code.
  if (wire.error) tags.error = wire.error.message;
  else tags.proto = 'HTTP/1.1';
  // A default system tag of k6's, on the requests that went over TLS.
  if (wire.tlsVersion) tags.tls_version = wire.tlsVersion;
  tags.expected_response = expected ? 'true' : 'false';
  if (errorCode) tags.error_code = String(errorCode);
  if (extraTags) Object.assign(tags, extraTags);
  const timings = wire.timings;
  const m = vu.run.metrics;
  const s = requestSlots(m);
  m.record(s.reqs, 1, tags);
  m.record(s.duration, timings.duration, tags);
  m.record(s.blocked, timings.blocked, tags);
  m.record(s.connecting, timings.connecting, tags);
  m.record(s.tlsHandshaking, timings.tls_handshaking, tags);
  m.record(s.sending, timings.sending, tags);
  m.record(s.waiting, timings.waiting, tags);
  m.record(s.receiving, timings.receiving, tags);
  if (callback) m.record(s.failed, expected ? 0 : 1, tags);
  // k6 counts data_sent and data_received per VU, recorded when the iteration ends.
  vu.bytesSent += wire.sentBytes;
  vu.bytesReceived += wire.receivedBytes;

  const body =
    responseType === 'none'
      ? null
      : responseType === 'binary'
        ? new Uint8Array(wire.body).buffer
        : wire.body.toString('utf8');
  return new Response(
    status,
    wire,
    headers,
    setCookie ? responseCookies(setCookie) : {},
    body,
    urlText,
    errorCode,
    new SentRequest(method, urlText, requestHeaders),
    timings,
  );
}
