import net from 'node:net';
import { createRequire } from 'node:module';
import type Tls from 'node:tls';
import { HTTPParser } from 'http-parser-js';
import type { ConnectionPool } from './connection-pool.ts';
import { decodeContent } from './content-decoding.ts';
import { RequestHead } from './request-head.ts';
import { ResponseParser } from './response-parser.ts';
import { CLOSED_BEFORE_ANSWER, MALFORMED_RESPONSE, transportError, type TransportError } from './transport-error.ts';
import type { WireRequest, WireResponse } from './wire-types.ts';
import { wireTarget, type WireTarget } from './wire-target.ts';

// TLS is loaded with the first https:// connection: a loopback test never pays its memory.
let tls: typeof Tls | undefined;
const loadTls = () => (tls ??= createRequire(import.meta.url)('node:tls') as typeof Tls);

/** Where a connection dials. */
export interface Dial {
  host: string;
  port: number;
  tls: boolean;
  insecure: boolean;
}

/** What a connection reports to the wire that owns it. */
export interface ConnectionHooks {
  settled(exchange: Exchange, response: WireResponse): void;
  /** The request found its reused connection closed by the server before any answer: send it again. */
  redial(exchange: Exchange): void;
  closed(connection: Connection): void;
}

const NO_HEADERS: string[] = [];
const READ_BUFFER = Buffer.allocUnsafe(64 * 1024);
const BODY_UNTIL_CLOSE = 'BODY_RAW';

/** One request in flight, with the instants k6's timings are cut from. */
export class Exchange {
  /** The connection this request dialled itself, whose set-up times are its own. */
  dialled: Connection | undefined;
  writeAt = 0;
  sentAt = 0;
  firstByteAt = 0;
  /** When the read that brought the last bytes so far landed: the answer's end once it is complete. */
  lastReadAt = 0;
  status = 0;
  statusText = '';
  rawHeaders = NO_HEADERS;
  chunks: Buffer[] = [];
  sentBytes = 0;
  received = 0;
  keepAlive = false;
  interim = false;
  retried = false;
  settled = false;
  readonly deadline: number;
  /** Where it goes, read from the URL once for the pool key, the dial and the request head. */
  readonly target: WireTarget;

  constructor(
    readonly request: WireRequest,
    readonly answered: (response: WireResponse) => void,
    readonly startedAt: number,
  ) {
    this.deadline = startedAt + request.timeoutMs;
    this.target = wireTarget(request.url);
  }
}

/** One HTTP/1.1 connection: a socket, a response parser, and at most one exchange at a time. */
export class Connection {
  readonly socket: net.Socket;
  private readonly parser = new ResponseParser();
  private readonly head = new RequestHead();
  private exchange: Exchange | undefined;
  private ready = false;
  private error: TransportError | undefined;
  closed = false;
  /** Exchanges completed: a connection that served one is a reused connection for the next. */
  served = 0;
  readonly dialAt = performance.now();
  lookupAt = 0;
  connectedAt = 0;
  secureAt = 0;
  remoteAddress = '';
  remotePort = 0;

  constructor(
    readonly origin: string,
    private readonly dial: Dial,
    readonly pool: ConnectionPool,
    private readonly hooks: ConnectionHooks,
  ) {
    const socket = dial.tls
      ? loadTls().connect({
          host: dial.host,
          port: dial.port,
          servername: net.isIP(dial.host) ? undefined : dial.host,
          rejectUnauthorized: !dial.insecure,
          ALPNProtocols: ['http/1.1'],
        })
      : // Plain TCP reads straight into one buffer the thread's connections share (a read is parsed before
        // the next one lands), skipping the stream machinery and a Buffer per read; TLS sockets cannot.
        net.connect({
          host: dial.host,
          port: dial.port,
          onread: { buffer: READ_BUFFER, callback: (bytes: number) => this.onData(READ_BUFFER, bytes) },
        });
    this.socket = socket;
    socket.setNoDelay(true);
    socket.once('lookup', () => (this.lookupAt = performance.now()));
    socket.once('connect', () => {
      this.connectedAt = performance.now();
      if (!dial.tls) this.onReady();
    });
    if (dial.tls) socket.once('secureConnect', () => ((this.secureAt = performance.now()), this.onReady()));
    if (dial.tls) socket.on('data', (chunk: Buffer) => this.onData(chunk, chunk.length));
    socket.on('error', (error) => (this.error ??= transportError(error, `${dial.host}:${dial.port}`)));
    socket.on('close', () => this.onClose());
    const parser = this.parser as unknown as Record<number, unknown>;
    parser[HTTPParser.kOnHeadersComplete] = (info: ParserInfo) => this.onHeaders(info);
    // Body bytes are copied out: the read buffer they arrive in is reused.
    parser[HTTPParser.kOnBody] = (chunk: Buffer, offset: number, length: number) => {
      if (!this.exchange || this.exchange.request.discardBody) return;
      const copy = Buffer.allocUnsafe(length);
      chunk.copy(copy, 0, offset, offset + length);
      this.exchange.chunks.push(copy);
    };
    parser[HTTPParser.kOnMessageComplete] = () => this.onMessageComplete();
  }

  get tls(): boolean {
    return this.dial.tls;
  }

  send(exchange: Exchange): void {
    this.exchange = exchange;
    // A kept-alive connection writes at once: the request was blocked for no time at all.
    if (this.ready) this.write(exchange, exchange.startedAt);
  }

  /** Fails the exchange in flight when its deadline has passed. */
  failIfPast(now: number, error: TransportError): void {
    const exchange = this.exchange;
    if (exchange && now >= exchange.deadline) this.fail(exchange, error);
  }

  /** Ends the exchange with an error (a timeout) and drops the connection, which may still answer. */
  fail(exchange: Exchange, error: TransportError): void {
    if (this.exchange !== exchange) return;
    this.exchange = undefined;
    this.close();
    this.settle(exchange, error);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.destroy();
  }

  private onReady(): void {
    this.ready = true;
    this.remoteAddress = this.socket.remoteAddress ?? '';
    this.remotePort = this.socket.remotePort ?? 0;
    if (this.exchange) this.write(this.exchange, performance.now());
  }

  private write(exchange: Exchange, at: number): void {
    const { method, headers, body, noReuse = false } = exchange.request;
    const bodyBytes = body === null ? -1 : typeof body === 'string' ? Buffer.byteLength(body) : body.length;
    const head = this.head.bytesFor(method, exchange.target, headers, bodyBytes, noReuse);
    exchange.sentBytes = head.length + Math.max(0, bodyBytes);
    const socket = this.socket;
    exchange.writeAt = at;
    if (body === null) socket.write(head);
    else {
      socket.cork();
      socket.write(head);
      socket.write(body);
      socket.uncork();
    }
    // Usually written at once; otherwise sending lasts until the kernel has taken the last byte.
    if (socket.writableLength === 0) exchange.sentAt = performance.now();
    else socket.write(Buffer.alloc(0), () => (exchange.sentAt ||= performance.now()));
  }

  /** Parses the first `bytes` of `chunk` (the shared read buffer, or a TLS chunk); false (stop reading) once the connection is closed. */
  private onData(chunk: Buffer, bytes: number): boolean {
    const exchange = this.exchange;
    if (!exchange) {
      // Bytes nobody asked for: the connection can no longer be trusted to frame responses.
      this.close();
      return false;
    }
    const readAt = performance.now();
    if (!exchange.firstByteAt) exchange.firstByteAt = readAt;
    exchange.lastReadAt = readAt;
    exchange.received += bytes;
    const result = this.parser.execute(chunk, 0, bytes);
    if (result instanceof Error) this.fail(exchange, MALFORMED_RESPONSE);
    return !this.closed;
  }

  private onHeaders(info: ParserInfo): number | boolean {
    const exchange = this.exchange;
    if (!exchange) return 2;
    const status = info.statusCode;
    // A 1xx (Early Hints, Continue) precedes the real answer.
    if (status >= 100 && status < 200 && status !== 101) {
      exchange.interim = true;
      return 2;
    }
    exchange.status = status;
    exchange.statusText = info.statusMessage;
    exchange.rawHeaders = info.headers;
    exchange.keepAlive = info.shouldKeepAlive;
    return exchange.request.method === 'HEAD' || status === 204 || status === 304;
  }

  private onMessageComplete(): void {
    const exchange = this.exchange;
    if (!exchange) return;
    if (exchange.interim) {
      exchange.interim = false;
      return;
    }
    this.exchange = undefined;
    this.served++;
    if (exchange.keepAlive && !exchange.request.noReuse && !this.closed) this.pool.put(this);
    else this.close();
    this.settle(exchange, undefined);
  }

  private onClose(): void {
    this.closed = true;
    this.hooks.closed(this);
    const exchange = this.exchange;
    if (!exchange) return;
    // A body without a length ends with the connection.
    if ((this.parser as unknown as { state: string }).state === BODY_UNTIL_CLOSE) {
      this.parser.finish();
      return;
    }
    this.exchange = undefined;
    // A kept-alive connection the server closed just as we reused it: as Go does, try a fresh one.
    if (this.served > 0 && exchange.received === 0 && !exchange.retried) {
      exchange.retried = true;
      exchange.writeAt = exchange.sentAt = 0;
      this.hooks.redial(exchange);
      return;
    }
    this.settle(exchange, this.error ?? CLOSED_BEFORE_ANSWER);
  }

  private settle(exchange: Exchange, error: TransportError | undefined): void {
    if (exchange.settled) return;
    exchange.settled = true;
    // A complete answer ended when its last bytes were read (parsing them is not receiving); a failed one now.
    const end = (!error && exchange.lastReadAt) || performance.now();
    const dialled = exchange.dialled;
    let blocked: number;
    let connecting = 0;
    let tlsHandshaking = 0;
    if (dialled) {
      // k6's blocked ends where the dial starts (after name resolution); connecting is the TCP set-up.
      const dialStart = dialled.lookupAt || dialled.dialAt;
      blocked = Math.max(0, dialStart - exchange.startedAt);
      connecting = (dialled.connectedAt || end) - dialStart;
      if (dialled.tls && dialled.connectedAt) tlsHandshaking = (dialled.secureAt || end) - dialled.connectedAt;
    } else {
      blocked = (exchange.writeAt || end) - exchange.startedAt;
    }
    const writeAt = exchange.writeAt || end;
    const firstByteAt = exchange.firstByteAt || end;
    const sentAt = Math.min(exchange.sentAt || (exchange.writeAt ? firstByteAt : writeAt), firstByteAt);
    const sending = sentAt - writeAt;
    const waiting = firstByteAt - sentAt;
    const receiving = end - firstByteAt;
    let body = exchange.chunks.length === 1 ? exchange.chunks[0] : Buffer.concat(exchange.chunks);
    if (!error && body.length) {
      const encoding = headerValue(exchange.rawHeaders, 'content-encoding');
      if (encoding) {
        try {
          body = decodeContent(body, encoding);
        } catch (decodeError) {
          error = {
            message: `error decoding the response body (Content-Encoding ${encoding}): ${(decodeError as Error).message}`,
            code: 1000,
          };
        }
      }
    }
    this.hooks.settled(exchange, {
      status: error ? 0 : exchange.status,
      statusText: error ? '' : exchange.statusText,
      rawHeaders: error ? NO_HEADERS : exchange.rawHeaders,
      body,
      sentBytes: exchange.writeAt ? exchange.sentBytes : 0,
      receivedBytes: exchange.received,
      remoteAddress: this.remoteAddress,
      remotePort: this.remotePort,
      timings: {
        blocked,
        connecting,
        tls_handshaking: tlsHandshaking,
        sending,
        waiting,
        receiving,
        duration: sending + waiting + receiving,
      },
      error,
    });
  }
}

interface ParserInfo {
  statusCode: number;
  statusMessage: string;
  headers: string[];
  shouldKeepAlive: boolean;
}

function headerValue(raw: string[], lowerName: string): string | undefined {
  for (let i = 0; i < raw.length; i += 2) {
    if (raw[i].length === lowerName.length && raw[i].toLowerCase() === lowerName) return raw[i + 1];
  }
  return undefined;
}
