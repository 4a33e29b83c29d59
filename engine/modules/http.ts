// The `k6/http` module a VU imports: asyncRequest, the blocking functions and batch, built on RequestFlow.
import { CookieJar } from './cookie-jar.ts';
import { httpFile } from './form-body.ts';
import type { HttpResponse, ResponseCallback } from './http-response.ts';
import { expectedStatuses, RequestFlow, runFlow, type Body, type FlowContext, type Params } from './request-flow.ts';
import { TemplateUrl } from './template-url.ts';
import type { VuState } from '../vu-state.ts';
import { ConnectionPool } from '../wire/connection-pool.ts';

const MAX_PARSED_URLS = 64;

/** The `k6/http` module for one VU. */
export function httpModule(vu: VuState) {
  const jar = new CookieJar();
  // k6 gives each VU connections of its own, kept alive between its requests and iterations.
  const pool = new ConnectionPool(vu.run);
  vu.connections = pool;

  // Scripts request the same few URLs over and over: each is parsed once (URLs are never modified).
  const parsedUrls = new Map<string, URL>();
  function parseUrl(url: string | URL | TemplateUrl): URL {
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

  const blockingRequest = (name: string, method: string, url: string | URL, body?: Body, params?: Params) =>
    blockingFlows(name, [[method, url, body, params]])[0];

  type BatchItem =
    | string
    | [string, string, Body?, Params?]
    | { method?: string; url: string; body?: Body; params?: Params };
  const batchRequest = (item: BatchItem): [string, string | URL, Body?, Params?] => {
    if (typeof item === 'string') return ['GET', item];
    if (Array.isArray(item)) return item;
    return [item.method ?? 'GET', item.url, item.body, item.params];
  };

  return {
    asyncRequest,
    expectedStatuses,
    url: (strings: TemplateStringsArray, ...values: unknown[]) => new TemplateUrl(strings, values),
    setResponseCallback(callback: ResponseCallback | null) {
      vu.responseCallback = callback;
    },
    cookieJar: () => jar,
    CookieJar,
    file: httpFile,
    request: (method: string, url: string, body?: Body, params?: Params) =>
      blockingRequest('request', method, url, body, params),
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
      const responses = blockingFlows(
        'batch',
        keys.map((k) => batchRequest(requests[k])),
      );
      return Object.fromEntries(keys.map((k, i) => [k, responses[i]]));
    },
  };
}
