import { Agent, request as undiciRequest } from 'undici';
import { canonicalHeaderName } from '../canonical-header.ts';
import { groupTag, type VuState } from '../vu-state.ts';

interface Params {
  headers?: Record<string, string>;
  tags?: Record<string, string>;
  timeout?: string | number;
  redirects?: number;
  responseCallback?: ((status: number) => boolean) | null;
}

interface ExpectedStatuses {
  (status: number): boolean;
}

const agent = new Agent({ keepAliveTimeout: 60_000, connections: null, pipelining: 1 });

function expectedStatuses(...specs: (number | { min: number; max: number })[]): ExpectedStatuses {
  return (status) => specs.some((s) => (typeof s === 'number' ? s === status : status >= s.min && status <= s.max));
}

const defaultExpected = expectedStatuses({ min: 200, max: 399 });

function timeoutMs(value: string | number | undefined): number {
  if (value === undefined) return 60_000;
  if (typeof value === 'number') return value;
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)$/.exec(value);
  if (!m) return 60_000;
  return Number(m[1]) * (m[2] === 'ms' ? 1 : m[2] === 's' ? 1000 : 60_000);
}

/** The `k6/http` module for one VU. Only the asynchronous API: see `syncUnsupported`. */
export function httpModule(vu: VuState) {
  async function asyncRequest(method: string, url: string, body?: string | null, params: Params = {}) {
    const started = performance.now();
    const requestHeaders = { 'User-Agent': 'auth0-harness-engine (k6 compatible)', ...params.headers };
    let status = 0;
    let headers: Record<string, string> = {};
    let text = '';
    let error = '';
    let errorCode = 0;
    let waiting = 0;
    let receiving = 0;
    let received = 0;
    try {
      const res = await undiciRequest(url, {
        method: method.toUpperCase(),
        headers: requestHeaders,
        body: body ?? undefined,
        dispatcher: agent,
        headersTimeout: timeoutMs(params.timeout),
        bodyTimeout: timeoutMs(params.timeout),
      } as Parameters<typeof undiciRequest>[1]);
      const headersAt = performance.now();
      waiting = headersAt - started;
      status = res.statusCode;
      for (const [name, value] of Object.entries(res.headers)) {
        if (value !== undefined) headers[canonicalHeaderName(name)] = Array.isArray(value) ? value.join(', ') : value;
      }
      const buf = Buffer.from(await res.body.arrayBuffer());
      received = buf.length;
      text = buf.toString('utf8');
      receiving = performance.now() - headersAt;
      if (status >= 400) {
        errorCode = 1000 + status;
        error = `${status} ${text.slice(0, 0)}`.trim();
      }
    } catch (e) {
      error = (e as Error).message;
      errorCode = 1000;
    }
    const duration = waiting + receiving;
    const callback = params.responseCallback === undefined ? (vu.responseCallback ?? defaultExpected) : params.responseCallback;
    const expected = callback ? callback(status) : true;
    const name = params.tags?.name ?? url;
    const tags: Record<string, string> = {
      ...vu.tags,
      group: groupTag(vu),
      method: method.toUpperCase(),
      url: params.tags?.name ?? url,
      name,
      status: String(status),
      proto: 'HTTP/1.1',
      expected_response: String(expected),
      ...(errorCode ? { error_code: String(errorCode) } : {}),
      ...params.tags,
    };
    const m = vu.run.metrics;
    m.add('http_reqs', 1, tags);
    m.add('http_req_duration', duration, tags);
    m.add('http_req_blocked', 0, tags);
    m.add('http_req_connecting', 0, tags);
    m.add('http_req_tls_handshaking', 0, tags);
    m.add('http_req_sending', 0, tags);
    m.add('http_req_waiting', waiting, tags);
    m.add('http_req_receiving', receiving, tags);
    if (callback) m.add('http_req_failed', expected ? 0 : 1, tags);
    m.add('data_received', received, tags);
    m.add('data_sent', (body ?? '').length, tags);
    return {
      status,
      headers,
      body: text,
      url,
      error,
      error_code: errorCode,
      request: { method: method.toUpperCase(), url, headers: requestHeaders, body: body ?? '' },
      timings: { blocked: 0, connecting: 0, tls_handshaking: 0, sending: 0, waiting, receiving, duration },
      json(selector?: string) {
        const value = JSON.parse(text);
        if (!selector) return value;
        return selector.split('.').reduce((v: any, key) => (v == null ? undefined : v[key]), value);
      },
    };
  }

  const syncUnsupported = (name: string) => () => {
    throw new Error(
      `http.${name}() is synchronous, which the local engine does not run yet; use http.asyncRequest() (works on k6 too) or run the script with k6.`,
    );
  };

  return {
    asyncRequest,
    expectedStatuses,
    setResponseCallback(callback: ((status: number) => boolean) | null) {
      vu.responseCallback = callback ?? undefined;
    },
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
