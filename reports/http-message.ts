import type { Finding } from '../lib/k6-and-node/result-protocol.ts';

// A request or response as an HTTP message, the way people read them in RFCs and in curl -v:
// easier on the eye in a report attachment than the same data as JSON. The data is already
// redacted (lib/record-checks.ts) before it reaches here.

type RequestRecord = NonNullable<Finding['request']>;
type ResponseRecord = NonNullable<Finding['response']>;

const headerLines = (headers: Record<string, string>) => Object.entries(headers).map(([k, v]) => `${k}: ${v}`);

function prettyBody(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

export const httpMessage = {
  request(r: RequestRecord): string {
    return [`${r.method} ${r.url}`, ...headerLines(r.headers), '', r.body ? prettyBody(r.body) : ''].join('\n');
  },
  response(r: ResponseRecord): string {
    const status = r.status === 0 ? 'no response (transport error)' : `HTTP ${r.status}`;
    return [status, ...headerLines(r.headers), '', prettyBody(r.body)].join('\n');
  },
};
