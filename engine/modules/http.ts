import { canonicalHeaderName } from '../canonical-header.ts';
import { parseDuration } from '../duration.ts';
import { sampleTags, type VuState } from '../vu-state.ts';
import { CookieJar } from './cookie-jar.ts';
import { sendOnWire, type WireResponse } from './http-client.ts';
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

function responseHeaders(raw: [string, string][]): { headers: Record<string, string>; setCookie: string[] } {
  const headers: Record<string, string> = {};
  const setCookie: string[] = [];
  for (const [name, value] of raw) {
    const key = canonicalHeaderName(name);
    if (key === 'Set-Cookie') setCookie.push(value);
    headers[key] = key in headers ? `${headers[key]}, ${value}` : value;
  }
  return { headers, setCookie };
}

function bodyLength(body: Buffer | string | null): number {
  if (body === null) return 0;
  return typeof body === 'string' ? Buffer.byteLength(body) : body.length;
}

/** The `k6/http` module for one VU. */
export function httpModule(vu: VuState) {
  const jar = new CookieJar();
  const jarApi = jar.api();

  async function asyncRequest(method: string, url: string | URL, body?: Body, params: Params = {}) {
    if (vu.initPhase) throw new Error('making HTTP requests in the init context is not supported; move the request into a function such as setup() or default()');
    const upper = String(method).toUpperCase();
    let target: URL;
    try {
      target = new URL(String(url));
    } catch {
      throw new Error(`invalid URL ${JSON.stringify(String(url))}: a request needs an absolute http:// or https:// URL`);
    }
    const headers: Record<string, string> = { 'User-Agent': USER_AGENT };
    for (const [k, v] of Object.entries(params.headers ?? {})) headers[k] = String(v);
    if (target.username || target.password) {
      if (params.auth === undefined || params.auth === 'basic') {
        headers.Authorization = `Basic ${Buffer.from(`${decodeURIComponent(target.username)}:${decodeURIComponent(target.password)}`).toString('base64')}`;
      }
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
      const wire = await sendOnWire({ url: target, method: currentMethod, headers: hopHeaders, body: payload, timeoutMs, discardBody: responseType === 'none' });
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
  ) {
    const status = wire.status;
    const errorCode = wire.error ? wire.error.code : status >= 400 ? 1000 + status : 0;
    const expected = callback ? callback(status) : true;
    const urlText = url.toString();
    const name = extraTags?.name ?? urlText;
    const tags = sampleTags(vu, {
      method,
      url: extraTags?.name ?? urlText,
      name,
      status: String(status),
      proto: wire.error ? '' : 'HTTP/1.1',
      expected_response: String(expected),
      ...(errorCode ? { error_code: String(errorCode) } : {}),
      ...extraTags,
    });
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
    const body = responseType === 'none' ? null : responseType === 'binary' ? wire.body.buffer.slice(wire.body.byteOffset, wire.body.byteOffset + wire.body.byteLength) : text;
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

  const syncUnsupported = (name: string) => () => {
    throw new Error(
      `http.${name}() is synchronous, and the local engine runs its VUs on one event loop where blocking would stall them all; ` +
        'use `await http.asyncRequest(method, url, body, params)` (which k6 runs the same way), or run this script with k6',
    );
  };

  return {
    asyncRequest,
    expectedStatuses,
    setResponseCallback(callback: ResponseCallback | null) {
      vu.responseCallback = callback;
    },
    cookieJar: () => jarApi,
    request: syncUnsupported('request'),
    get: syncUnsupported('get'),
    post: syncUnsupported('post'),
    put: syncUnsupported('put'),
    patch: syncUnsupported('patch'),
    del: syncUnsupported('del'),
    head: syncUnsupported('head'),
    options: syncUnsupported('options'),
    batch: syncUnsupported('batch'),
  };
}
