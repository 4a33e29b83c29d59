// The runtime-neutral record of one HTTP request and its response that checks read. Scenarios build
// it from a k6 Response, tests from fixtures; header names are lower-case here, whatever the
// runtime's canonicalisation (k6 gives Go's `X-Ratelimit-Remaining`, Node gives lower case).

interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface RecordedResponse {
  /** 0 when no response came (k6's convention for a transport error). */
  status: number;
  headers: Record<string, string>;
  body: string;
  /** k6's `res.error` when no response came, e.g. `dial tcp 127.0.0.1:9: connect: connection refused`. */
  error?: string;
  /** k6's `res.error_code` for it, e.g. 1212 (k6 docs, "Error codes"). */
  errorCode?: number;
}

/** What the harness expects of a response beyond the rule itself, from its config and its request. */
export interface ExchangeExpectations {
  /** The tenant's issuer, with the trailing slash (discovery). */
  issuer?: string;
  /** Where a browser endpoint must send the user agent (origin and path, no query). */
  redirectUri?: string;
  /** The state the request carried, to be echoed on the redirect. */
  state?: string;
  /** Where a redirect's parameters travel (OAuth 2.0 Multiple Response Types §2). */
  responseMode?: 'query' | 'fragment';
  /** Parameters the redirect must carry, e.g. code, or access_token and id_token. */
  redirectParams?: string[];
  /** The sub of the tokens a request was made with (/userinfo must answer for the same user). */
  tokenSubjects?: { access_token?: string; id_token?: string };
  /** The id (`auth0|…`) of the user the request acts for or whose session it carries. */
  userId?: string;
}

export interface Exchange {
  request: RecordedRequest;
  response: RecordedResponse;
  expect?: ExchangeExpectations;
}

export function lowerCaseHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(headers)) {
    const value = headers[name];
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/**
 * Why no response came, as k6 names it (`dial tcp …: connection refused (k6 error 1212)`), or
 * undefined when the server answered. k6 gives status 0 to every transport error: refused, reset,
 * timeout, DNS, TLS.
 */
export function noResponse(response: RecordedResponse): string | undefined {
  if (response.status !== 0) return undefined;
  const text = response.error || 'the request failed without an error text';
  return response.errorCode ? `${text} (k6 error ${response.errorCode})` : text;
}

/** What came back, for a sentence: `answered 401`, or `got no response: dial tcp …: connection refused (k6 error 1212)`. */
export function describeAnswer(response: RecordedResponse): string {
  const missing = noResponse(response);
  return missing === undefined ? `answered ${response.status}` : `got no response: ${missing}`;
}

/** The response body parsed as JSON, or undefined when it is not JSON. */
export function jsonBody(response: RecordedResponse): unknown {
  try {
    return JSON.parse(response.body);
  } catch {
    return undefined;
  }
}
