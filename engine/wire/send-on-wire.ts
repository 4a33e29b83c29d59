import type { ConnectionPool } from './connection-pool.ts';
import { Connection, type ConnectionHooks, type IdleConnections } from './connection.ts';
import { InFlightRequest } from './in-flight-request.ts';
import { refusedToSend, type TransportError } from './transport-error.ts';
import type { WireRequest, WireResponse } from './wire-types.ts';

// The engine's HTTP/1.1 client: plain sockets and http-parser-js, with nothing between a VU's request
// and the socket but building its head. k6's own client is Go's, which a general-purpose Node client
// (undici, node:http) outweighs per request by several times; at full load the client must cost no
// more CPU than the load generators it is compared with.

const TIMEOUT_SWEEP_MS = 20;

const live = new Set<Connection>();
let inFlight = 0;
let sweeper: NodeJS.Timeout | undefined;

const hooks: ConnectionHooks = {
  settled(request, response) {
    inFlight--;
    request.answered(response);
  },
  redial: (request, pool) => dispatch(request, pool, true),
  closed(connection) {
    live.delete(connection);
    connection.pool.remove(connection);
  },
};

/**
 * Sends one request on a kept-alive connection of `pool` (the VU's; or a new connection, which joins
 * it); `answered` receives the answer, from the connection's read callback (or at once for a request
 * Go would refuse to send).
 */
export function sendOnWire(
  request: WireRequest,
  pool: ConnectionPool,
  answered: (response: WireResponse) => void,
): void {
  const refused = malformedRequest(request) ?? (request.url.protocol === 'https:' ? pool.tls.refusal : undefined);
  if (refused) return answered(notSent(refused));
  const sent = new InFlightRequest(request, answered, performance.now());
  inFlight++;
  sweeper ??= setInterval(sweepTimeouts, TIMEOUT_SWEEP_MS).unref();
  dispatch(sent, pool, false);
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// Scripts send the same few methods and header names on every request: each is checked once.
const knownTokens = new Set<string>();
const MAX_KNOWN_TOKENS = 1000;

function isToken(text: string): boolean {
  if (knownTokens.has(text)) return true;
  if (!TOKEN.test(text)) return false;
  if (knownTokens.size < MAX_KNOWN_TOKENS) knownTokens.add(text);
  return true;
}
const LINE_BREAK_OR_NUL = /[\r\n\0]/;

/**
 * What Go's client refuses to send, as k6 reports it: a method or header name that is not an HTTP
 * token, or a header value that would break the request's framing (a CR or LF would let a script
 * smuggle headers or a second request).
 */
function malformedRequest({ method, headers }: WireRequest): TransportError | undefined {
  if (!isToken(method)) return refusedToSend(`net/http: invalid method ${JSON.stringify(method)}`);
  for (const name in headers) {
    if (!isToken(name)) return refusedToSend(`net/http: invalid header field name ${JSON.stringify(name)}`);
    if (LINE_BREAK_OR_NUL.test(headers[name]))
      return refusedToSend(`net/http: invalid header field value for ${JSON.stringify(name)}`);
  }
  return undefined;
}

function notSent(error: TransportError): WireResponse {
  return {
    status: 0,
    statusText: '',
    rawHeaders: [],
    body: Buffer.alloc(0),
    sentBytes: 0,
    receivedBytes: 0,
    remoteAddress: '',
    remotePort: 0,
    tlsVersion: '',
    tlsCipherSuite: '',
    timings: { blocked: 0, connecting: 0, tls_handshaking: 0, sending: 0, waiting: 0, receiving: 0, duration: 0 },
    error,
  };
}

function dispatch(sent: InFlightRequest, pool: IdleConnections, fresh: boolean): void {
  const target = sent.target;
  let connection = fresh || sent.request.noReuse ? undefined : pool.take(target.origin);
  if (!connection) {
    connection = new Connection(
      target.origin,
      { host: target.hostname, port: target.port, tls: target.tls },
      pool,
      hooks,
    );
    live.add(connection);
    sent.dialled = connection;
  } else {
    sent.dialled = undefined;
  }
  connection.send(sent);
}

// One timer for every request in flight rather than one per request: a timeout fires up to
// TIMEOUT_SWEEP_MS late, which k6's second-scale timeouts do not notice. Every request in flight sits
// on a live connection, so the sweep walks the connections (no per-request set to add to and delete from).
function sweepTimeouts(): void {
  if (inFlight === 0) {
    clearInterval(sweeper);
    sweeper = undefined;
    return;
  }
  const now = performance.now();
  for (const connection of live) connection.failIfPast(now);
}

/** Closes every connection of this thread so that the process can exit. */
export function closeAllConnections(): void {
  for (const connection of live) connection.close();
}
