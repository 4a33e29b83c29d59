import { canonicalHeaderName } from '../canonical-header.ts';
import { parseDuration } from '../duration.ts';
import { groupTag, type VuState } from '../vu-state.ts';
import { CookieJar } from './cookie-jar.ts';
import { sendOnWire, type WireRequest, type WireResponse } from './http-client.ts';
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

function responseHeaders(raw: [string, string][]): { headers: Record<string, string>; setCookie: string[] } {
  const headers: Record<string, string> = {};
  const setCookie: string[] = [];
  for (const [name, value] of raw) {
    const key = canonical(name);
    if (key === 'Set-Cookie') setCookie.push(value);
    headers[key] = key in headers ? `${headers[key]}, ${value}` : value;
  }
  return { headers, setCookie };
}

function bodyLength(body: Buffer | string | null): number {
  if (body === null) return 0;
  return typeof body === 'string' ? Buffer.byteLength(body) : body.length;
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

/** The `k6/http` module for one VU. */
export function httpModule(vu: VuState) {
  const jar = new CookieJar();
  const jarApi = jar.api();

  /**
   * One request as k6 makes it, redirects and cookies included, written once for both APIs: it yields
   * each hop to send and receives the wire's answer, so asyncRequest awaits the hops and the
   * synchronous functions block on them.
   */
  function* requestFlow(method: string, url: string | URL, body?: Body, params: Params = {}): Generator<WireRequest, HttpResponse, WireResponse> {
    if (vu.initPhase) throw new Error('making HTTP requests in the init context is not supported; move the request into a function such as setup() or default()');
    const upper = String(method).toUpperCase();
    let target: URL;
    try {
      target = new URL(String(url));
    } catch {
      throw new Error(`invalid URL ${JSON.stringify(String(url))}: a request needs an absolute http:// or https:// URL`);
    }
    if (params.auth !== undefined && params.auth !== 'basic') {
      throw new Error(`params.auth "${params.auth}" is not supported by the local engine (basic is); run this script with k6 for digest or NTLM`);
    }
    const headers: Record<string, string> = { 'User-Agent': USER_AGENT };
    for (const [k, v] of Object.entries(params.headers ?? {})) headers[k] = String(v);
    if (target.username || target.password) {
      headers.Authorization = `Basic ${Buffer.from(`${decodeURIComponent(target.username)}:${decodeURIComponent(target.password)}`).toString('base64')}`;
      target.username = '';
      target.password = '';
    }
    const timeoutMs = params.timeout === undefined ? 60_000 : parseDuration(params.timeout, 'params.timeout');
    const maxRedirects = params.redirects ?? (vu.run.options.maxRedirects as number | undefined) ?? 10;
    const responseType = params.responseType ?? ((vu.run.options.discardResponseBodies as boolean | undefined) ? 'none' : 'text');
    const callback = params.responseCallback !== undefined ? params.responseCallback : vu.responseCallback !== undefined ? vu.responseCallback : defaultExpected;
    const useJar = params.jar === undefined ? jar : null;
    let currentMethod = upper;
    let payload = encodeBody(body, headers);
    const sentBody = payload;

    for (let hop = 0; ; hop++) {
      const hopHeaders = { ...headers };
      const cookies = [useJar?.headerFor(target), ...Object.entries(params.cookies ?? {}).map(([k, v]) => `${k}=${typeof v === 'string' ? v : v.value}`)].filter(Boolean);
      if (cookies.length) hopHeaders.Cookie = cookies.join('; ');
      const wire = yield { url: target, method: currentMethod, headers: hopHeaders, body: payload, timeoutMs, discardBody: responseType === 'none' };
      const { headers: resHeaders, setCookie } = responseHeaders(wire.rawHeaders);
      if (useJar && setCookie.length) useJar.storeFromResponse(target, setCookie);
      const response = makeResponse(wire, target, currentMethod, hopHeaders, payload, resHeaders, responseType, callback ?? null, params.tags);
      const location = resHeaders.Location;
      if (!wire.error && REDIRECT_STATUSES.has(wire.status) && location && hop < maxRedirects) {
        target = new URL(location, target);
        // Go's client, which k6 uses: 303 (and 301/302 for anything but GET/HEAD) become GET without a body.
        if (wire.status === 303 || ((wire.status === 301 || wire.status === 302) && currentMethod !== 'GET' && currentMethod !== 'HEAD')) {
          currentMethod = currentMethod === 'HEAD' ? 'HEAD' : 'GET';
          payload = null;
        }
        continue;
      }
      if (response.request) response.request.body = typeof sentBody === 'string' ? sentBody : (sentBody?.toString('utf8') ?? '');
      return response;
    }
  }

  function makeResponse(
    wire: WireResponse,
    url: URL,
    method: string,
    requestHeaders: Record<string, string>,
    payload: Buffer | string | null,
    headers: Record<string, string>,
    responseType: 'text' | 'binary' | 'none',
    callback: ResponseCallback | null,
    extraTags: Record<string, string> | undefined,
  ): HttpResponse {
    const status = wire.status;
    const errorCode = wire.error ? wire.error.code : status >= 400 ? 1000 + status : 0;
    const expected = callback ? callback(status) : true;
    const urlText = url.toString();
    const name = extraTags?.name ?? urlText;
    const tags: Record<string, string> = {
      ...vu.tags,
      group: groupTag(vu),
      method,
      url: extraTags?.name ?? urlText,
      name,
      status: String(status),
      proto: wire.error ? '' : 'HTTP/1.1',
      expected_response: String(expected),
    };
    if (errorCode) tags.error_code = String(errorCode);
    if (extraTags) Object.assign(tags, extraTags);
    const duration = wire.sending + wire.waiting + wire.receiving;
    const m = vu.run.metrics;
    m.add('http_reqs', 1, tags);
    m.add('http_req_duration', duration, tags);
    m.add('http_req_blocked', 0, tags);
    m.add('http_req_connecting', 0, tags);
    m.add('http_req_tls_handshaking', 0, tags);
    m.add('http_req_sending', wire.sending, tags);
    m.add('http_req_waiting', wire.waiting, tags);
    m.add('http_req_receiving', wire.receiving, tags);
    if (callback) m.add('http_req_failed', expected ? 0 : 1, tags);
    let headerBytes = method.length + url.pathname.length + url.search.length + url.host.length + 25;
    for (const k in requestHeaders) headerBytes += k.length + requestHeaders[k].length + 4;
    m.add('data_sent', headerBytes + bodyLength(payload), tags);
    m.add('data_received', wire.receivedBytes, tags);

    const text = responseType === 'text' ? wire.body.toString('utf8') : undefined;
    const body = responseType === 'none' ? null : responseType === 'binary' ? new Uint8Array(wire.body).buffer : text;
    return {
      status,
      status_text: wire.error ? '' : `${status} ${wire.statusText}`.trim(),
      proto: wire.error ? '' : 'HTTP/1.1',
      headers,
      body,
      url: urlText,
      error: wire.error?.message ?? '',
      error_code: errorCode,
      cookies: {} as Record<string, unknown>,
      remote_ip: wire.error ? '' : url.hostname.replace(/^\[|\]$/g, ''),
      remote_port: wire.error ? 0 : Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
      request: { method, url: urlText, headers: requestHeaders as Record<string, string>, body: '' },
      timings: {
        blocked: 0,
        connecting: 0,
        tls_handshaking: 0,
        sending: wire.sending,
        waiting: wire.waiting,
        receiving: wire.receiving,
        duration,
      },
      json(selector?: string) {
        if (typeof body !== 'string') throw new Error('the response has no text body to parse as JSON (responseType is not "text")');
        const value = JSON.parse(body);
        return selector === undefined ? value : jsonSelect(value, selector);
      },
    };
  }

  async function asyncRequest(method: string, url: string | URL, body?: Body, params?: Params): Promise<HttpResponse> {
    const flow = requestFlow(method, url, body, params);
    let step = flow.next();
    while (!step.done) step = flow.next(await sendOnWire(step.value));
    return step.value;
  }

  /** Runs several flows to completion, sending each round of hops together and blocking until all answer. */
  function blockingFlows(name: string, flows: Generator<WireRequest, HttpResponse, WireResponse>[]): HttpResponse[] {
    const blocking = vu.blocking;
    if (!blocking) {
      throw new Error(
        `http.${name}() is synchronous, and this VU shares its event loop with others, where blocking would stall them all; ` +
          'use `await http.asyncRequest(method, url, body, params)` (which k6 runs the same way), or run this script with k6',
      );
    }
    const results: HttpResponse[] = new Array(flows.length);
    let steps = flows.map((f) => f.next());
    for (;;) {
      const pending = steps.map((step, i) => ({ step, i })).filter(({ step }) => !step.done);
      steps.forEach((step, i) => {
        if (step.done) results[i] = step.value;
      });
      if (pending.length === 0) return results;
      const answers = blocking.send(pending.map(({ step }) => step.value as WireRequest));
      const next = [...steps];
      pending.forEach(({ i }, k) => (next[i] = flows[i].next(answers[k])));
      steps = next.map((step, i) => (pending.some((p) => p.i === i) ? step : { done: true, value: results[i] }));
    }
  }

  const blockingRequest = (name: string, method: string, url: string | URL, body?: Body, params?: Params) =>
    blockingFlows(name, [requestFlow(method, url, body, params)])[0];

  type BatchItem = string | [string, string, Body?, Params?] | { method?: string; url: string; body?: Body; params?: Params };
  const batchFlow = (item: BatchItem) => {
    if (typeof item === 'string') return requestFlow('GET', item);
    if (Array.isArray(item)) return requestFlow(item[0], item[1], item[2], item[3]);
    return requestFlow(item.method ?? 'GET', item.url, item.body, item.params);
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
      if (Array.isArray(requests)) return blockingFlows('batch', requests.map(batchFlow));
      const keys = Object.keys(requests);
      const responses = blockingFlows('batch', keys.map((k) => batchFlow(requests[k])));
      return Object.fromEntries(keys.map((k, i) => [k, responses[i]]));
    },
  };
}
