import http, { type RefinedResponse, type ResponseType } from 'k6/http';
import { lowerCaseHeaders, type Exchange } from '../checks/exchange.ts';
import { formEncode } from './form-encoding.ts';
import type { CheckCell } from './k6-and-node/result-protocol.ts';

export interface OutgoingRequest extends CheckCell {
  method: 'GET' | 'POST' | 'DELETE' | 'PATCH' | 'PUT';
  url: string;
  /** Sent as application/x-www-form-urlencoded. */
  form?: Record<string, string>;
  /** Sent as application/json. */
  json?: unknown;
  /** Sent as is, with whatever Content-Type `headers` give (malformed-body cases). */
  rawBody?: string;
  headers?: Record<string, string>;
  /** Statuses this request expects; others count in http_req_failed. */
  expectedStatuses: number[];
  /** Follow redirects (k6's default is 10); browser-flow steps set 0 to read Location. */
  redirects?: number;
}

function bodyOf(req: OutgoingRequest): { body: string | null; contentType?: string } {
  if (req.form) return { body: formEncode(req.form), contentType: 'application/x-www-form-urlencoded' };
  if (req.json !== undefined) return { body: JSON.stringify(req.json), contentType: 'application/json' };
  if (req.rawBody !== undefined) return { body: req.rawBody };
  return { body: null };
}

/**
 * Sends one request with k6's asyncRequest, tagged with the endpoint and credential method so that
 * per-endpoint latency and error rates come out of k6's own metrics, and returns it as an Exchange.
 */
export async function sendRequest(req: OutgoingRequest): Promise<Exchange> {
  const { body, contentType } = bodyOf(req);
  const headers: Record<string, string> = { ...(contentType ? { 'Content-Type': contentType } : {}), ...req.headers };
  const res: RefinedResponse<ResponseType> = await http.asyncRequest(req.method, req.url, body, {
    headers,
    redirects: req.redirects ?? 0,
    responseCallback: http.expectedStatuses(...req.expectedStatuses),
    tags: { name: req.endpoint, endpoint: req.endpoint, credential: req.credential ?? 'none' },
  });
  return {
    request: { method: req.method, url: req.url, headers, body: body ?? undefined },
    response: {
      status: res.status,
      headers: lowerCaseHeaders(res.headers as Record<string, string>),
      body: typeof res.body === 'string' ? res.body : '',
      // Status 0: no response came, and k6 names why (refused, reset, timeout, DNS, TLS).
      ...(res.status === 0 ? { error: res.error, errorCode: res.error_code } : {}),
    },
  };
}
