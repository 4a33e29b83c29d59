import { Agent } from 'undici';

/** What the wire gave back for one request, with k6's timing phases in milliseconds. */
export interface WireResponse {
  status: number;
  statusText: string;
  /** Header names and values as received, in order. */
  rawHeaders: [string, string][];
  body: Buffer;
  /** Bytes of status line, headers and body, counted even when the body is discarded. */
  receivedBytes: number;
  sending: number;
  waiting: number;
  receiving: number;
  error?: { message: string; code: number };
}

export interface WireRequest {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: Buffer | string | null;
  timeoutMs: number;
  discardBody: boolean;
}

// One keep-alive pool for the run, as k6 reuses connections between iterations.
let agent: Agent | undefined;

function pool(): Agent {
  agent ??= new Agent({ keepAliveTimeout: 60_000, keepAliveMaxTimeout: 600_000, pipelining: 1, connections: null });
  return agent;
}

/** Closes the pool's connections so that the process can exit. */
export async function closeHttpPool(): Promise<void> {
  const a = agent;
  agent = undefined;
  await a?.close();
}

// k6's error codes for transport failures (k6 docs, "Error codes").
function transportError(error: Error & { code?: string }): { message: string; code: number } {
  const code = error.code ?? (error.cause as { code?: string } | undefined)?.code;
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') {
    return { message: 'request timeout', code: 1050 };
  }
  if (code === 'ECONNREFUSED') return { message: `dial tcp: connect: connection refused`, code: 1212 };
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return { message: 'read: connection reset by peer', code: 1220 };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return { message: `lookup: no such host`, code: 1101 };
  return { message: error.message, code: 1000 };
}

/**
 * Sends one request through undici's dispatcher, the lowest-overhead way to drive its HTTP/1.1 client,
 * and times the phases: sending ends when the request is written, waiting when headers arrive,
 * receiving when the body ends. Connection set-up is not observable per request through undici, so it
 * is part of `sending`, and blocked/connecting/tls_handshaking are reported as 0.
 */
export function sendOnWire(req: WireRequest): Promise<WireResponse> {
  return new Promise((resolve) => {
    const started = performance.now();
    let sent = 0;
    let headersAt = 0;
    let status = 0;
    let statusText = '';
    let receivedBytes = 0;
    const rawHeaders: [string, string][] = [];
    const chunks: Buffer[] = [];
    const finish = (error?: { message: string; code: number }) => {
      const end = performance.now();
      if (!sent) sent = headersAt || end;
      if (!headersAt) headersAt = end;
      resolve({
        status,
        statusText,
        rawHeaders,
        body: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks),
        receivedBytes,
        sending: sent - started,
        waiting: headersAt - sent,
        receiving: end - headersAt,
        error,
      });
    };
    pool().dispatch(
      {
        origin: req.url.origin,
        path: req.url.pathname + req.url.search,
        method: req.method,
        headers: req.headers,
        body: req.body,
        headersTimeout: req.timeoutMs,
        bodyTimeout: req.timeoutMs,
      },
      {
        onConnect() {},
        onRequestSent() {
          sent = performance.now();
        },
        onHeaders(statusCode: number, headers: Buffer[], _resume: () => void, text: string) {
          headersAt = performance.now();
          status = statusCode;
          statusText = text;
          receivedBytes = 15 + text.length;
          for (let i = 0; i < headers.length; i += 2) {
            const name = headers[i].toString('latin1');
            const value = headers[i + 1].toString('latin1');
            receivedBytes += name.length + value.length + 4;
            rawHeaders.push([name, value]);
          }
          return true;
        },
        onData(chunk: Buffer) {
          receivedBytes += chunk.length;
          if (!req.discardBody) chunks.push(chunk);
          return true;
        },
        onComplete() {
          finish();
        },
        onError(error: Error) {
          finish(transportError(error));
        },
      } as never,
    );
  });
}
