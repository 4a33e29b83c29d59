// One k6 request, redirects and cookies included, as both the async and the blocking APIs make it.
import { canonicalHeaderName } from '../canonical-header.ts';
import { parseDuration } from '../duration.ts';
import type { VuState } from '../vu-state.ts';
import type { ConnectionPool } from '../wire/connection-pool.ts';
import { sendOnWire } from '../wire/send-on-wire.ts';
import type { WireRequest, WireResponse } from '../wire/wire-types.ts';
import { CookieJar } from './cookie-jar.ts';
import { encodeForm } from './form-body.ts';
import { redirectsStopped, requestFailed } from './request-warnings.ts';
import { TemplateUrl } from './template-url.ts';
import {
  makeResponse,
  responseHeaders,
  setCookieLines,
  type HttpResponse,
  type ResponseCallback,
} from './http-response.ts';

export type Body = string | ArrayBuffer | Uint8Array | Record<string, unknown> | null | undefined;

export interface Params {
  headers?: Record<string, string>;
  tags?: Record<string, string>;
  timeout?: string | number;
  redirects?: number;
  responseType?: 'text' | 'binary' | 'none';
  responseCallback?: ResponseCallback | null;
  auth?: 'basic';
  cookies?: Record<string, string | { value: string; replace?: boolean }>;
  jar?: CookieJar | null;
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
/**
 * The Cookie header as k6 builds it: the params' cookies first, then the jar's cookies for the URL,
 * except those a params cookie with `replace: true` stands in for.
 */
function cookieHeader(
  fromJar: readonly { name: string; value: string }[],
  given: Params['cookies'],
): string | undefined {
  if (!given && fromJar.length === 0) return undefined;
  const parts: string[] = [];
  const replaced = new Set<string>();
  for (const name in given) {
    const cookie = given[name];
    parts.push(`${name}=${typeof cookie === 'string' ? cookie : cookie.value}`);
    if (typeof cookie !== 'string' && cookie.replace) replaced.add(name);
  }
  for (const c of fromJar) if (!replaced.has(c.name)) parts.push(`${c.name}=${c.value}`);
  return parts.length ? parts.join('; ') : undefined;
}

function encodeBody(body: Body, headers: Record<string, string>): Buffer | string | null {
  if (body === null || body === undefined) return null;
  if (typeof body === 'string') return body;
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const form = encodeForm(body);
  // k6 sets the form's type before the params' headers, which may replace it.
  if (!('Content-Type' in headers)) headers['Content-Type'] = form.contentType;
  return form.body;
}

/** What a flow takes from its VU's k6/http module: the VU, its cookie jar and connections, its URL cache. */
export interface FlowContext {
  vu: VuState;
  jar: CookieJar;
  pool: ConnectionPool;
  parseUrl(url: string | URL | TemplateUrl): URL;
}

/**
 * One request as k6 makes it, redirects and cookies included, written once for both APIs: `hop()` is
 * the request to send now, `answer()` takes the wire's reply and says whether another hop follows;
 * asyncRequest chains the hops on promises and the synchronous functions block on them. A class
 * rather than a generator or an async function: this is the engine's innermost path, and each of
 * those layers costs a resumption and a promise per request.
 */
export class RequestFlow {
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
  private readonly jar: CookieJar;
  /** params.tags, with the template of an http.url as the name when they give none. */
  private readonly tags: Record<string, string> | undefined;
  private hops = 0;
  /** The method and URL the script asked for, before any redirect. */
  private readonly askedMethod: string;
  private readonly askedUrl: URL;
  /** Whether the script set a redirect limit (k6 warns when one it did not set stops redirects). */
  private readonly redirectLimitSet: boolean;

  constructor(
    private readonly ctx: FlowContext,
    method: string,
    url: string | URL | TemplateUrl,
    body: Body,
    private readonly params: Params = {},
  ) {
    const { vu } = ctx;
    if (vu.initPhase)
      throw new Error(
        'making HTTP requests in the init context is not supported; move the request into a function such as setup() or default()',
      );
    this.method = String(method).toUpperCase();
    let target = ctx.parseUrl(url);
    if (params.auth !== undefined && params.auth !== 'basic') {
      throw new Error(
        `params.auth "${params.auth}" is not supported by the local engine (basic is); run this script with k6 for digest or NTLM`,
      );
    }
    const headers: Record<string, string> = { 'User-Agent': USER_AGENT };
    const given = params.headers;
    // k6 puts each with Go's Header.Set: its name canonical, and a later spelling of a name replacing an earlier one.
    if (given) for (const k in given) headers[canonicalHeaderName(k)] = String(given[k]);
    if (target.username || target.password) {
      headers.Authorization = `Basic ${Buffer.from(`${decodeURIComponent(target.username)}:${decodeURIComponent(target.password)}`).toString('base64')}`;
      target = new URL(target.href);
      target.username = '';
      target.password = '';
    }
    this.target = this.askedUrl = target;
    this.askedMethod = this.method;
    this.headers = headers;
    this.timeoutMs = params.timeout === undefined ? 60_000 : parseDuration(params.timeout, 'params.timeout');
    const redirects = params.redirects ?? (vu.run.options.maxRedirects as number | undefined);
    this.maxRedirects = redirects ?? 10;
    this.redirectLimitSet = redirects !== undefined;
    this.responseType =
      params.responseType ?? ((vu.run.options.discardResponseBodies as boolean | undefined) ? 'none' : 'text');
    this.callback =
      (params.responseCallback !== undefined
        ? params.responseCallback
        : vu.responseCallback !== undefined
          ? vu.responseCallback
          : defaultExpected) ?? null;
    // k6 takes a jar made with new http.CookieJar(); anything else (null included) leaves the VU's.
    this.jar = params.jar instanceof CookieJar ? params.jar : ctx.jar;
    this.payload = this.sentBody = encodeBody(body, headers);
    this.tags =
      url instanceof TemplateUrl && params.tags?.name === undefined ? { ...params.tags, name: url.name } : params.tags;
    this.hopHeaders = headers;
  }

  /** The VU's connections, which the flow's hops go out on. */
  get pool(): ConnectionPool {
    return this.ctx.pool;
  }

  /** The request to send for the current hop. */
  hop(): WireRequest {
    const { vu } = this.ctx;
    const cookie = cookieHeader(this.jar.cookiesFor(this.target), this.params.cookies);
    // Go's AddCookie appends to a Cookie header the script set itself.
    const own = this.headers.Cookie;
    this.hopHeaders = cookie ? { ...this.headers, Cookie: own ? `${own}; ${cookie}` : cookie } : this.headers;
    return {
      url: this.target,
      method: this.method,
      headers: this.hopHeaders,
      body: this.payload,
      timeoutMs: this.timeoutMs,
      discardBody: this.responseType === 'none',
      noReuse: vu.run.options.noConnectionReuse === true,
    };
  }

  /** Takes the current hop's answer: true when a redirect is to be followed, else `response` is set. */
  answer(wire: WireResponse): boolean {
    const resHeaders = responseHeaders(wire.rawHeaders);
    const target = this.target;
    const setCookie = 'Set-Cookie' in resHeaders ? setCookieLines(wire.rawHeaders) : undefined;
    if (setCookie) this.jar.storeFromResponse(target, setCookie);
    const response = makeResponse(
      this.ctx.vu,
      wire,
      target,
      this.method,
      this.hopHeaders,
      resHeaders,
      setCookie,
      this.responseType,
      this.callback,
      this.tags,
    );
    if (wire.error) requestFailed(this.ctx.vu, this.askedMethod, target, wire.error);
    const location = resHeaders.Location;
    const redirect = !wire.error && REDIRECT_STATUSES.has(wire.status) && location;
    if (redirect && this.hops >= this.maxRedirects && !this.redirectLimitSet)
      redirectsStopped(this.ctx.vu, this.hops, this.askedUrl);
    if (redirect && this.hops < this.maxRedirects) {
      this.hops++;
      this.target = new URL(location, target);
      // Go's client, which k6 uses: 303 (and 301/302 for anything but GET/HEAD) become GET without a body.
      if (
        wire.status === 303 ||
        ((wire.status === 301 || wire.status === 302) && this.method !== 'GET' && this.method !== 'HEAD')
      ) {
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

/**
 * Sends the flow's hops one after the other; resolves with its response. Each answer is taken in the
 * wire's callback, so a request costs one promise (the script's) rather than one per layer.
 */
export function runFlow(flow: RequestFlow): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const answered = (wire: WireResponse): void => {
      // This runs in a socket's read callback: whatever the flow throws (a response callback, a bad
      // redirect URL) belongs to the script's promise.
      try {
        if (flow.answer(wire)) sendOnWire(flow.hop(), flow.pool, answered);
        else resolve(flow.response as HttpResponse);
      } catch (error) {
        reject(error);
      }
    };
    sendOnWire(flow.hop(), flow.pool, answered);
  });
}
