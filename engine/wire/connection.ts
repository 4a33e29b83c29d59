import net from 'node:net';
import type { TLSSocket } from 'node:tls';
import { HTTPParser } from 'http-parser-js';
import { decodeContent } from './content-decoding.ts';
import type { InFlightRequest } from './in-flight-request.ts';
import { RequestHead } from './request-head.ts';
import { requestTimings, type DialInstants } from './request-timings.ts';
import { ResponseParser } from './response-parser.ts';
import {
  CLOSED_BEFORE_ANSWER,
  CLOSED_MID_ANSWER,
  DIAL_TIMEOUT,
  joinHostPort,
  MALFORMED_RESPONSE,
  REQUEST_TIMEOUT,
  transportError,
  undecodableBody,
  type TransportError,
} from './transport-error.ts';
import type { TlsClient } from './tls-client.ts';
import { tlsVersionName } from './tls-version.ts';
import { loadTls } from './tls-module.ts';
import { k6CipherSuiteName } from './tls-cipher-suites.ts';
import type { WireResponse } from './wire-types.ts';

/** Where a connection dials. */
interface Dial {
  host: string;
  port: number;
  tls: boolean;
}

/** What a connection reports to the wire that owns it. */
export interface ConnectionHooks {
  settled(request: InFlightRequest, response: WireResponse): void;
  /** The request found its reused connection closed by the server before any answer: send it again. */
  redial(request: InFlightRequest, pool: IdleConnections): void;
  closed(connection: Connection): void;
}

/** Where a kept-alive connection waits between requests: its VU's connections, by origin. */
export interface IdleConnections {
  /** How its connections make TLS connections: the run's TLS options. */
  readonly tls: TlsClient;
  take(origin: string): Connection | undefined;
  put(connection: Connection): void;
  remove(connection: Connection): void;
}

const NO_HEADERS: string[] = [];
const READ_BUFFER = Buffer.allocUnsafe(64 * 1024);
const BODY_UNTIL_CLOSE = 'BODY_RAW';
// k6's dialer gives up on a connection after 30 s, whatever the request's own timeout.
const DIAL_LIMIT_MS = 30_000;

/** One HTTP/1.1 connection: a socket, a response parser, and at most one request in flight at a time. */
export class Connection implements DialInstants {
  readonly socket: net.Socket;
  private readonly parser = new ResponseParser();
  private readonly head = new RequestHead();
  private inFlight: InFlightRequest | undefined;
  private ready = false;
  private error: TransportError | undefined;
  closed = false;
  /** Requests answered: a connection that answered one is a reused connection for the next. */
  served = 0;
  readonly dialAt = performance.now();
  lookupAt = 0;
  connectedAt = 0;
  secureAt = 0;
  remoteAddress = '';
  remotePort = 0;
  /** k6's names of the TLS version and cipher suite agreed, once a TLS connection is made. */
  tlsVersion = '';
  tlsCipherSuite = '';
  /** This end's address and port, for Go's wording of a failed read or write. */
  private localEnd: string | undefined;

  constructor(
    readonly origin: string,
    private readonly dial: Dial,
    readonly pool: IdleConnections,
    private readonly hooks: ConnectionHooks,
  ) {
    const socket = dial.tls
      ? loadTls().connect(pool.tls.connectOptions(dial.host, dial.port))
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
    socket.on('error', (error: NodeJS.ErrnoException & { address?: string; port?: number }) => {
      // A failed dial names the address it tried; a failed read or write, both ends.
      const remote =
        error.address && error.port !== undefined
          ? joinHostPort(error.address, error.port)
          : joinHostPort(this.remoteAddress || dial.host, this.remotePort || dial.port);
      this.error ??= transportError(error, { host: dial.host, remote, local: this.localEnd });
    });
    socket.on('close', () => this.onClose());
    const parser = this.parser as unknown as Record<number, unknown>;
    parser[HTTPParser.kOnHeadersComplete] = (info: ParserInfo) => this.onHeaders(info);
    // Body bytes are copied out: the read buffer they arrive in is reused.
    parser[HTTPParser.kOnBody] = (chunk: Buffer, offset: number, length: number) => {
      if (!this.inFlight || this.inFlight.request.discardBody) return;
      const copy = Buffer.allocUnsafe(length);
      chunk.copy(copy, 0, offset, offset + length);
      this.inFlight.chunks.push(copy);
    };
    parser[HTTPParser.kOnMessageComplete] = () => this.onMessageComplete();
  }

  get tls(): boolean {
    return this.dial.tls;
  }

  send(inFlight: InFlightRequest): void {
    this.inFlight = inFlight;
    // A kept-alive connection writes at once: the request was blocked for no time at all.
    if (this.ready) this.write(inFlight, inFlight.startedAt);
  }

  /**
   * Fails the request in flight once its deadline has passed (a dial timeout while it still waits for
   * the connection, as Go reports it), or once the connection has taken k6's 30 s to be made.
   */
  failIfPast(now: number): void {
    const inFlight = this.inFlight;
    if (!inFlight) return;
    const dialling = !this.connectedAt;
    if (now >= inFlight.deadline) this.fail(inFlight, dialling ? DIAL_TIMEOUT : REQUEST_TIMEOUT);
    else if (dialling && now - this.dialAt >= DIAL_LIMIT_MS) this.fail(inFlight, DIAL_TIMEOUT);
  }

  /** Ends the request in flight with an error (a timeout) and drops the connection, which may still answer. */
  fail(inFlight: InFlightRequest, error: TransportError): void {
    if (this.inFlight !== inFlight) return;
    this.inFlight = undefined;
    this.close();
    this.settle(inFlight, error);
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
    if (this.socket.localAddress) this.localEnd = joinHostPort(this.socket.localAddress, this.socket.localPort ?? 0);
    if (this.dial.tls) {
      const socket = this.socket as TLSSocket;
      this.tlsVersion = tlsVersionName(socket.getProtocol());
      this.tlsCipherSuite = k6CipherSuiteName(socket.getCipher()?.name);
    }
    if (this.inFlight) this.write(this.inFlight, performance.now());
  }

  private write(inFlight: InFlightRequest, at: number): void {
    const { method, headers, body, noReuse = false } = inFlight.request;
    const bodyBytes = body === null ? -1 : typeof body === 'string' ? Buffer.byteLength(body) : body.length;
    const head = this.head.bytesFor(method, inFlight.target, headers, bodyBytes, noReuse);
    inFlight.sentBytes = head.length + Math.max(0, bodyBytes);
    const socket = this.socket;
    inFlight.writeAt = at;
    if (body === null) socket.write(head);
    else {
      socket.cork();
      socket.write(head);
      socket.write(body);
      socket.uncork();
    }
    // Usually written at once; otherwise sending lasts until the kernel has taken the last byte.
    if (socket.writableLength === 0) inFlight.sentAt = performance.now();
    else socket.write(Buffer.alloc(0), () => (inFlight.sentAt ||= performance.now()));
  }

  /** Parses the first `bytes` of `chunk` (the shared read buffer, or a TLS chunk); false (stop reading) once the connection is closed. */
  private onData(chunk: Buffer, bytes: number): boolean {
    const inFlight = this.inFlight;
    if (!inFlight) {
      // Bytes nobody asked for: the connection can no longer be trusted to frame responses.
      this.close();
      return false;
    }
    const readAt = performance.now();
    if (!inFlight.firstByteAt) inFlight.firstByteAt = readAt;
    inFlight.lastReadAt = readAt;
    inFlight.received += bytes;
    const result = this.parser.execute(chunk, 0, bytes);
    if (result instanceof Error) this.fail(inFlight, MALFORMED_RESPONSE);
    return !this.closed;
  }

  private onHeaders(info: ParserInfo): number | boolean {
    const inFlight = this.inFlight;
    if (!inFlight) return 2;
    const status = info.statusCode;
    // A 1xx (Early Hints, Continue) precedes the real answer.
    if (status >= 100 && status < 200 && status !== 101) {
      inFlight.interim = true;
      return 2;
    }
    inFlight.status = status;
    inFlight.statusText = info.statusMessage;
    inFlight.rawHeaders = info.headers;
    inFlight.keepAlive = info.shouldKeepAlive;
    return inFlight.request.method === 'HEAD' || status === 204 || status === 304;
  }

  private onMessageComplete(): void {
    const inFlight = this.inFlight;
    if (!inFlight) return;
    if (inFlight.interim) {
      inFlight.interim = false;
      return;
    }
    this.inFlight = undefined;
    this.served++;
    if (inFlight.keepAlive && !inFlight.request.noReuse && !this.closed) this.pool.put(this);
    else this.close();
    this.settle(inFlight, undefined);
  }

  private onClose(): void {
    this.closed = true;
    this.hooks.closed(this);
    const inFlight = this.inFlight;
    if (!inFlight) return;
    // A body without a length ends with the connection.
    if ((this.parser as unknown as { state: string }).state === BODY_UNTIL_CLOSE) {
      this.parser.finish();
      return;
    }
    this.inFlight = undefined;
    // A kept-alive connection the server closed just as we reused it: as Go does, try a fresh one.
    if (this.served > 0 && inFlight.received === 0 && !inFlight.retried) {
      inFlight.retried = true;
      inFlight.writeAt = inFlight.sentAt = 0;
      this.hooks.redial(inFlight, this.pool);
      return;
    }
    this.settle(inFlight, this.error ?? (inFlight.received > 0 ? CLOSED_MID_ANSWER : CLOSED_BEFORE_ANSWER));
  }

  private settle(inFlight: InFlightRequest, error: TransportError | undefined): void {
    if (inFlight.settled) return;
    inFlight.settled = true;
    // A complete answer ended when its last bytes were read (parsing them is not receiving); a failed one now.
    const timings = requestTimings(inFlight, (!error && inFlight.lastReadAt) || performance.now());
    let body = inFlight.chunks.length === 1 ? inFlight.chunks[0] : Buffer.concat(inFlight.chunks);
    if (!error && body.length) {
      const encoding = headerValue(inFlight.rawHeaders, 'content-encoding');
      if (encoding) {
        try {
          body = decodeContent(body, encoding);
        } catch (decodeError) {
          error = undecodableBody(`Content-Encoding ${encoding}: ${(decodeError as Error).message}`);
        }
      }
    }
    this.hooks.settled(inFlight, {
      status: error ? 0 : inFlight.status,
      statusText: error ? '' : inFlight.statusText,
      rawHeaders: error ? NO_HEADERS : inFlight.rawHeaders,
      body,
      sentBytes: inFlight.writeAt ? inFlight.sentBytes : 0,
      receivedBytes: inFlight.received,
      remoteAddress: this.remoteAddress,
      remotePort: this.remotePort,
      tlsVersion: error ? '' : this.tlsVersion,
      tlsCipherSuite: error ? '' : this.tlsCipherSuite,
      timings,
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
