import { canonicalHeaderName } from '../canonical-header.ts';
import { parseDuration } from '../duration.ts';
import { sampleTags, type VuState } from '../vu-state.ts';
import { CookieJar } from './cookie-jar.ts';
import { ConnectionPool } from '../wire/connection-pool.ts';
import { sendOnWire } from '../wire/send-on-wire.ts';
import type { WireRequest, WireResponse } from '../wire/wire-types.ts';
import { jsonSelect } from './json-selector.ts';

type Body = string | ArrayBuffer | Uint8Array | Record<string, unknown> | null | undefined;
type ResponseCallback = (status: number) => boolean;

interface Params {
  headers?: Record<string, string>;
  tags?: Record<string, string>;
  timeout?: string | number;
  redirects?: number;
  responseType?: 'text' | 'binary' | 'none';
  responseCallback?: ResponseCallback | null;
  auth?: 'basic';
  cookies?: Record<string, string | { value: string; replace?: boolean }>;
  jar?: ReturnType<CookieJar['api']> | null;
  compression?: string;
}

const USER_AGENT = 'k6/1.0.0 (https://k6.io/; auth0-harness local engine)';
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** http.expectedStatuses(200, { min: 300, max: 399 }): a response callback k6 recognises. */
export function expectedStatuses(...specs: (number | { min: number; max: number })[]): ResponseCallback {
  for (const s of specs) {
    if (typeof s !== 'number' && (typeof s?.min !== 'number' || typeof s?.max !== 'number')) {
      throw new Error('expectedStatuses() takes status codes and { min, max } ranges');
    }
  }
  return (status) => specs.some((s) => (typeof s === 'number' ? s === status : status >= s.min && status <= s.max));
}

const defaultExpected = expectedStatuses({ min: 200, max: 399 });
const MAX_PARSED_URLS = 64;

/** The Cookie header: the jar's cookies for the URL, then those given in params.cookies. */
function cookieHeader(fromJar: string | undefined, given: Params['cookies']): string | undefined {
  if (!given) return fromJar;
  const parts = fromJar ? [fromJar] : [];
  for (const k in given) {
    const v = given[k];
    parts.push(`${k}=${typeof v === 'string' ? v : v.value}`);
  }
  return parts.length ? parts.join('; ') : undefined;
}

function encodeBody(body: Body, headers: Record<string, string>): Buffer | string | null {
  if (body === null || body === undefined) return null;
  if (typeof body === 'string') return body;
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  // k6 sends a plain object as a form.
  if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/x-www-form-urlencoded';
  return new URLSearchParams(Object.entries(body).map(([k, v]): [string, string] => [k, String(v)])).toString();
}

// Servers send the same few header names over and over; canonicalising each once is enough.
const canonicalNames = new Map<string, string>();
const MAX_CACHED_NAMES = 1000;

function canonical(name: string): string {
  let key = canonicalNames.get(name);
  if (key === undefined) {
    key = canonicalHeaderName(name);
    if (canonicalNames.size < MAX_CACHED_NAMES) canonicalNames.set(name, key);
  }
  return key;
}

function responseHeaders(raw: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (let i = 0; i < raw.length; i += 2) {
    const key = canonical(raw[i]);
    const value = raw[i + 1];
    headers[key] = key in headers ? `${headers[key]}, ${value}` : value;
  }
  return headers;
}

/** Each Set-Cookie line apart (the headers object joins repeated lines with commas, as k6 shows them). */
function setCookieLines(raw: string[]): string[] {
  const lines: string[] = [];
  for (let i = 0; i < raw.length; i += 2) if (raw[i].length === 10 && raw[i].toLowerCase() === 'set-cookie') lines.push(raw[i + 1]);
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
  cookies: Record<string, unknown>;
  remote_ip: string;
  remote_port: number;
  request: { method: string; url: string; headers: Record<string, string>; body: string };
  timings: { blocked: number; connecting: number; tls_handshaking: number; sending: number; waiting: number; receiving: number; duration: number };
  json(selector?: string): unknown;
}

type Timings = HttpResponse['timings'];

/** k6's Response: the answer's fields, and json() on the prototype rather than a closure per response. */
class Response implements HttpResponse {
  readonly status_text: string;
  readonly proto: string;
  readonly error: string;
  readonly cookies: Record<string, unknown> = {};
  readonly remote_ip: string;
  readonly remote_port: number;

  constructor(
    readonly status: number,
    wire: WireResponse,
    readonly headers: Record<string, string>,
    readonly body: string | ArrayBuffer | null,
    readonly url: string,
    readonly error_code: number,
    readonly request: HttpResponse['request'],
    readonly timings: Timings,
  ) {
    this.status_text = wire.error ? '' : `${status} ${wire.statusText}`.trim();
    this.proto = wire.error ? '' : 'HTTP/1.1';
    this.error = wire.error?.message ?? '';
    this.remote_ip = wire.remoteAddress;
    this.remote_port = wire.remotePort;
  }

  json(selector?: string): unknown {
    if (typeof this.body !== 'string') throw new Error('the response has no text body to parse as JSON (responseType is not "text")');
    const value = JSON.parse(this.body);
    return selector === undefined ? value : jsonSelect(value, selector);
  }
}

interface FlowContext {
  vu: VuState;
  jar: CookieJar;
  pool: ConnectionPool;
  parseUrl(url: string | URL): URL;
}

/**
 * One request as k6 makes it, redirects and cookies included, written once for both APIs: `hop()` is
 * the request to send now, `answer()` takes the wire's reply and says whether another hop follows;
 * asyncRequest chains the hops on promises and the synchronous functions block on them. A class
 * rather than a generator or an async function: this is the engine's innermost path, and each of
 * those layers costs a resumption and a promise per request.
 */
class RequestFlow {
  response: HttpResponse | undefined;
  private target: URL;
  private method: string;
  private payload: Buffer | string | null;
  private readonly sentBody: Buffer | string | null;
  private readonly headers: Record<string, string>;
  private hopHeaders: Record<string, string>;
  private readonly timeoutMs: number;
  private readonly maxRedirects: number;
  private readonly responseType: 'text' | 'binary' | 'none';
  private readonly callback: ResponseCallback | null;
  private readonly useJar: CookieJar | null;
  private hops = 0;

  constructor(
    private readonly ctx: FlowContext,
    method: string,
    url: string | URL,
    body: Body,
    private readonly params: Params = {},
  ) {
    const { vu } = ctx;
    if (vu.initPhase) throw new Error('making HTTP requests in the init context is not supported; move the request into a function such as setup() or default()');
    this.method = String(method).toUpperCase();
    let target = ctx.parseUrl(url);
    if (params.auth !== undefined && params.auth !== 'basic') {
      throw new Error(`params.auth "${params.auth}" is not supported by the local engine (basic is); run this script with k6 for digest or NTLM`);
    }
    const headers: Record<string, string> = { 'User-Agent': USER_AGENT };
    const given = params.headers;
    if (given) for (const k in given) headers[k] = String(given[k]);
    if (target.username || target.password) {
      headers.Authorization = `Basic ${Buffer.from(`${decodeURIComponent(target.username)}:${decodeURIComponent(target.password)}`).toString('base64')}`;
      target = new URL(target.href);
      target.username = '';
      target.password = '';
    }
    this.target = target;
    this.headers = headers;
    this.timeoutMs = params.timeout === undefined ? 60_000 : parseDuration(params.timeout, 'params.timeout');
    this.maxRedirects = params.redirects ?? (vu.run.options.maxRedirects as number | undefined) ?? 10;
    this.responseType = params.responseType ?? ((vu.run.options.discardResponseBodies as boolean | undefined) ? 'none' : 'text');
    this.callback = (params.responseCallback !== undefined ? params.responseCallback : vu.responseCallback !== undefined ? vu.responseCallback : defaultExpected) ?? null;
    this.useJar = params.jar === undefined ? ctx.jar : null;
    this.payload = this.sentBody = encodeBody(body, headers);
    this.hopHeaders = headers;
  }

  /** The request to send for the current hop. */
  hop(): WireRequest {
    const { vu } = this.ctx;
    const cookie = cookieHeader(this.useJar?.headerFor(this.target), this.params.cookies);
    this.hopHeaders = cookie ? { ...this.headers, Cookie: cookie } : this.headers;
    return {
      url: this.target,
      method: this.method,
      headers: this.hopHeaders,
      body: this.payload,
      timeoutMs: this.timeoutMs,
      discardBody: this.responseType === 'none',
      insecure: vu.run.options.insecureSkipTLSVerify === true,
      noReuse: vu.run.options.noConnectionReuse === true,
      pool: this.ctx.pool,
    };
  }

  /** Takes the current hop's answer: true when a redirect is to be followed, else `response` is set. */
  answer(wire: WireResponse): boolean {
    const resHeaders = responseHeaders(wire.rawHeaders);
    const target = this.target;
    if (this.useJar && 'Set-Cookie' in resHeaders) this.useJar.storeFromResponse(target, setCookieLines(wire.rawHeaders));
    const response = makeResponse(this.ctx.vu, wire, target, this.method, this.hopHeaders, resHeaders, this.responseType, this.callback, this.params.tags);
    const location = resHeaders.Location;
    if (!wire.error && REDIRECT_STATUSES.has(wire.status) && location && this.hops < this.maxRedirects) {
      this.hops++;
      this.target = new URL(location, target);
      // Go's client, which k6 uses: 303 (and 301/302 for anything but GET/HEAD) become GET without a body.
      if (wire.status === 303 || ((wire.status === 301 || wire.status === 302) && this.method !== 'GET' && this.method !== 'HEAD')) {
        this.method = this.method === 'HEAD' ? 'HEAD' : 'GET';
        this.payload = null;
      }
      return true;
    }
    const sent = this.sentBody;
    response.request.body = typeof sent === 'string' ? sent : (sent?.toString('utf8') ?? '');
    this.response = response;
    return false;
  }
}

function makeResponse(
  vu: VuState,
  wire: WireResponse,
  url: URL,
  method: string,
  requestHeaders: Record<string, string>,
  headers: Record<string, string>,
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
  tags.proto = wire.error ? '' : 'HTTP/1.1';
  tags.expected_response = expected ? 'true' : 'false';
  if (errorCode) tags.error_code = String(errorCode);
  if (extraTags) Object.assign(tags, extraTags);
  const timings = {
    blocked: wire.blocked,
    connecting: wire.connecting,
    tls_handshaking: wire.tlsHandshaking,
    sending: wire.sending,
    waiting: wire.waiting,
    receiving: wire.receiving,
    duration: wire.sending + wire.waiting + wire.receiving,
  };
  const m = vu.run.metrics;
  m.add('http_reqs', 1, tags);
  m.add('http_req_duration', timings.duration, tags);
  m.add('http_req_blocked', timings.blocked, tags);
  m.add('http_req_connecting', timings.connecting, tags);
  m.add('http_req_tls_handshaking', timings.tls_handshaking, tags);
  m.add('http_req_sending', timings.sending, tags);
  m.add('http_req_waiting', timings.waiting, tags);
  m.add('http_req_receiving', timings.receiving, tags);
  if (callback) m.add('http_req_failed', expected ? 0 : 1, tags);
  m.add('data_sent', wire.sentBytes, tags);
  m.add('data_received', wire.receivedBytes, tags);

  const body = responseType === 'none' ? null : responseType === 'binary' ? new Uint8Array(wire.body).buffer : wire.body.toString('utf8');
  return new Response(status, wire, headers, body, urlText, errorCode, { method, url: urlText, headers: requestHeaders, body: '' }, timings);
}

/** Sends the flow's hops one after the other; resolves with its response. */
function runFlow(flow: RequestFlow): Promise<HttpResponse> {
  const next = (wire: WireResponse): HttpResponse | Promise<HttpResponse> => (flow.answer(wire) ? sendOnWire(flow.hop()).then(next) : (flow.response as HttpResponse));
  return sendOnWire(flow.hop()).then(next);
}

/** The `k6/http` module for one VU. */
export function httpModule(vu: VuState) {
  const jar = new CookieJar();
  const jarApi = jar.api();
  // k6 gives each VU connections of its own, kept alive between its requests and iterations.
  const pool = new ConnectionPool();
  vu.connections = pool;

  // Scripts request the same few URLs over and over: each is parsed once (URLs are never modified).
  const parsedUrls = new Map<string, URL>();
  function parseUrl(url: string | URL): URL {
    const text = String(url);
    let parsed = parsedUrls.get(text);
    if (parsed) return parsed;
    try {
      parsed = new URL(text);
    } catch {
      throw new Error(`invalid URL ${JSON.stringify(text)}: a request needs an absolute http:// or https:// URL`);
    }
    if (parsedUrls.size < MAX_PARSED_URLS) parsedUrls.set(text, parsed);
    return parsed;
  }
  const ctx: FlowContext = { vu, jar, pool, parseUrl };

  function asyncRequest(method: string, url: string | URL, body?: Body, params?: Params): Promise<HttpResponse> {
    const slot = vu.run.pacer?.slot();
    if (slot) return slot.then(() => runFlow(new RequestFlow(ctx, method, url, body, params)));
    try {
      return runFlow(new RequestFlow(ctx, method, url, body, params));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Runs several flows to completion, sending each round of hops together and blocking until all answer. */
  function blockingFlows(name: string, requests: [string, string | URL, Body?, Params?][]): HttpResponse[] {
    const blocking = vu.blocking;
    if (!blocking) {
      throw new Error(
        `http.${name}() is synchronous, and this VU shares its event loop with others, where blocking would stall them all; ` +
          'use `await http.asyncRequest(method, url, body, params)` (which k6 runs the same way), or run this script with k6',
      );
    }
    const flows = requests.map(([method, url, body, params]) => new RequestFlow(ctx, method, url, body, params));
    let pending = flows;
    while (pending.length > 0) {
      const answers = blocking.send(pending.map((flow) => flow.hop()));
      pending = pending.filter((flow, i) => flow.answer(answers[i]));
    }
    return flows.map((flow) => flow.response as HttpResponse);
  }

  const blockingRequest = (name: string, method: string, url: string | URL, body?: Body, params?: Params) => blockingFlows(name, [[method, url, body, params]])[0];

  type BatchItem = string | [string, string, Body?, Params?] | { method?: string; url: string; body?: Body; params?: Params };
  const batchRequest = (item: BatchItem): [string, string | URL, Body?, Params?] => {
    if (typeof item === 'string') return ['GET', item];
    if (Array.isArray(item)) return item;
    return [item.method ?? 'GET', item.url, item.body, item.params];
  };

  return {
    asyncRequest,
    expectedStatuses,
    setResponseCallback(callback: ResponseCallback | null) {
      vu.responseCallback = callback;
    },
    cookieJar: () => jarApi,
    request: (method: string, url: string, body?: Body, params?: Params) => blockingRequest('request', method, url, body, params),
    get: (url: string, params?: Params) => blockingRequest('get', 'GET', url, null, params),
    head: (url: string, params?: Params) => blockingRequest('head', 'HEAD', url, null, params),
    post: (url: string, body?: Body, params?: Params) => blockingRequest('post', 'POST', url, body, params),
    put: (url: string, body?: Body, params?: Params) => blockingRequest('put', 'PUT', url, body, params),
    patch: (url: string, body?: Body, params?: Params) => blockingRequest('patch', 'PATCH', url, body, params),
    del: (url: string, body?: Body, params?: Params) => blockingRequest('del', 'DELETE', url, body, params),
    options: (url: string, body?: Body, params?: Params) => blockingRequest('options', 'OPTIONS', url, body, params),
    // k6 sends a batch's requests in parallel and returns their responses in the same shape (list or object).
    batch(requests: BatchItem[] | Record<string, BatchItem>) {
      if (Array.isArray(requests)) return blockingFlows('batch', requests.map(batchRequest));
      const keys = Object.keys(requests);
      const responses = blockingFlows('batch', keys.map((k) => batchRequest(requests[k])));
      return Object.fromEntries(keys.map((k, i) => [k, responses[i]]));
    },
  };
}
