import type { Timings } from './request-timings.ts';
import type { TransportError } from './transport-error.ts';

/** One HTTP request as the k6/http module hands it to the wire. */
export interface WireRequest {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: Buffer | string | null;
  timeoutMs: number;
  discardBody: boolean;
  /** k6's noConnectionReuse: a connection per request, closed after it. */
  noReuse?: boolean;
}

/** What the wire gave back for one request, with k6's timing phases in milliseconds. */
export interface WireResponse {
  status: number;
  statusText: string;
  /** Header names and values as received, flat: name, value, name, value… */
  rawHeaders: string[];
  body: Buffer;
  /** Bytes written for the request: request line, headers and body. */
  sentBytes: number;
  /** Bytes of status line, headers and body received, counted even when the body is discarded. */
  receivedBytes: number;
  remoteAddress: string;
  remotePort: number;
  /** k6's names of the TLS version and cipher suite agreed ("tls1.3"), "" without TLS. */
  tlsVersion: string;
  tlsCipherSuite: string;
  /** In the shape of k6's `res.timings`, which the response hands on as it is. */
  timings: Timings;
  error?: TransportError;
}
