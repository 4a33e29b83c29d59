// The engine's HTTP/1.1 client on the wire: connections kept per VU as k6 keeps them, the connection
// timings, k6's connection and rate options, response framings and encodings, and TLS.
import assert from 'node:assert/strict';
import http from 'node:http';
import https from 'node:https';
import net, { type AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { testCertificatePem, testPrivateKeyPem } from '../support/test-certificate.ts';
import { runScript, WRITE_SUMMARY } from './run-script.ts';

const BODY = JSON.stringify({ ok: true });

/** Answers every request with BODY (or its encoded form under /gzip, /br) and counts connections. */
function handler(req: http.IncomingMessage, res: http.ServerResponse): void {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  if (path === '/gzip') res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync(BODY));
  else if (path === '/br') res.writeHead(200, { 'content-encoding': 'br' }).end(brotliCompressSync(BODY));
  else if (path === '/chunked') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write(BODY.slice(0, 5));
    setTimeout(() => res.end(BODY.slice(5)), 10);
  } else res.writeHead(200, { 'content-type': 'application/json', 'content-length': BODY.length }).end(BODY);
}

interface CountingServer {
  url: string;
  connections: number;
  server: net.Server;
}

async function listen(server: net.Server, scheme: string): Promise<CountingServer> {
  const counting = { url: '', connections: 0, server };
  server.on(scheme === 'https' ? 'secureConnection' : 'connection', () => counting.connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  counting.url = `${scheme}://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return counting;
}

const run = (body: string, options: string, args: string[] = []) =>
  runScript(
    `import http from 'k6/http';
export const options = ${options};
const wait = (ms) => new Promise((r) => setTimeout(r, ms));
export default async function () {
${body}
}
${WRITE_SUMMARY}`,
    args,
  );

describe('the engine on the wire', () => {
  let plain: CountingServer;
  before(async () => {
    const server = http.createServer(handler);
    server.keepAliveTimeout = 60_000;
    plain = await listen(server, 'http');
  });
  after(() => {
    (plain.server as http.Server).closeAllConnections();
    plain.server.close();
  });

  it('keeps one connection per VU across its requests and iterations, and times only the first set-up', async () => {
    plain.connections = 0;
    const r = await run(
      `const a = await http.asyncRequest('GET', '${plain.url}/');
const b = await http.asyncRequest('GET', '${plain.url}/');
if (__ITER === 0) console.log(JSON.stringify([a.timings.connecting > 0, b.timings.connecting, b.timings.blocked < 5, a.remote_ip, a.remote_port > 0]));`,
      `{ scenarios: { s: { executor: 'per-vu-iterations', vus: 3, iterations: 2 } } }`,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.equal(plain.connections, 3, 'one connection for each of the 3 VUs');
    assert.deepEqual(JSON.parse(r.consoleLines[0]), [true, 0, true, '127.0.0.1', true]);
    assert.equal(r.summary.metrics.http_reqs.values.count, 12);
    assert.ok(r.summary.metrics.http_req_connecting.values.max > 0, 'connection set-up reaches http_req_connecting');
  });

  it('opens a connection per request under noConnectionReuse, and per iteration under noVUConnectionReuse', async () => {
    plain.connections = 0;
    const twice = `await http.asyncRequest('GET', '${plain.url}/');\nawait http.asyncRequest('GET', '${plain.url}/');`;
    const perRequest = await run(twice, `{ iterations: 2, noConnectionReuse: true }`);
    assert.equal(perRequest.code, 0, perRequest.stderr);
    assert.equal(plain.connections, 4);
    plain.connections = 0;
    const perIteration = await run(twice, `{ iterations: 3, noVUConnectionReuse: true }`);
    assert.equal(perIteration.code, 0, perIteration.stderr);
    assert.equal(plain.connections, 3);
  });

  it('holds requests to the rps option across VUs', async () => {
    const r = await run(
      `await http.asyncRequest('GET', '${plain.url}/');`,
      `{ scenarios: { s: { executor: 'constant-vus', vus: 5, duration: '2s' } }, rps: 20 }`,
    );
    assert.equal(r.code, 0, r.stderr);
    const count = r.summary.metrics.http_reqs.values.count;
    // 2 s at 20 a second, plus the requests let through at the start and cut off at the end.
    assert.ok(count >= 35 && count <= 46, `${count} requests in 2 s at rps 20`);
  });

  it('decodes gzip and br bodies, keeps Content-Encoding, and reads chunked bodies', async () => {
    const r = await run(
      `for (const p of ['/gzip', '/br', '/chunked']) {
  const res = await http.asyncRequest('GET', '${plain.url}' + p);
  console.log(p + ' ' + res.status + ' ' + (res.headers['Content-Encoding'] || '-') + ' ' + res.body);
}`,
      `{ iterations: 1 }`,
    );
    assert.deepEqual(r.consoleLines, [`/gzip 200 gzip ${BODY}`, `/br 200 br ${BODY}`, `/chunked 200 - ${BODY}`]);
  });

  it('sends HEAD without waiting for a body, and reads a body that ends with the connection', async () => {
    // An HTTP/1.0-style server: no Content-Length, the body ends when it closes the connection.
    const raw = await listen(
      net.createServer((socket) =>
        socket.once('data', (d) => {
          const head = d.toString().startsWith('HEAD');
          socket.end(
            `HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n${head ? 'Content-Length: 5\r\n' : ''}\r\n${head ? '' : 'until close'}`,
          );
        }),
      ),
      'http',
    );
    try {
      const r = await run(
        `const a = await http.asyncRequest('HEAD', '${raw.url}/');
const b = await http.asyncRequest('GET', '${raw.url}/');
console.log(a.status + ' [' + a.body + '] ' + b.status + ' [' + b.body + '] ' + b.error_code);`,
        `{ iterations: 1 }`,
      );
      assert.deepEqual(r.consoleLines, ['200 [] 200 [until close] 0'], r.stderr);
    } finally {
      raw.server.close();
    }
  });

  it('sends again on a fresh connection when the server closed the kept-alive one', async () => {
    // The server drops each connection 50 ms after answering on it; the VU comes back after 300.
    const server = http.createServer((req, res) => {
      res.on('finish', () => setTimeout(() => req.socket.destroy(), 50));
      handler(req, res);
    });
    const short = await listen(server, 'http');
    try {
      const r = await run(
        `const a = await http.asyncRequest('GET', '${short.url}/');
await wait(300);
const b = await http.asyncRequest('GET', '${short.url}/');
console.log(a.status + ' ' + b.status + ' ' + b.error + ' ' + (b.timings.connecting > 0));`,
        `{ iterations: 1 }`,
      );
      assert.deepEqual(r.consoleLines, ['200 200  true'], r.stderr);
      assert.equal(short.connections, 2);
    } finally {
      server.close();
    }
  });

  it('retries once on a new connection when a reused one closes before answering, as Go does', async () => {
    // Each connection answers one request and drops the next unanswered (a keep-alive race).
    const raw = await listen(
      net.createServer((socket) => {
        let served = 0;
        socket.on('data', () =>
          served++ === 0
            ? socket.write(`HTTP/1.1 200 OK\r\nContent-Length: ${BODY.length}\r\n\r\n${BODY}`)
            : socket.destroy(),
        );
      }),
      'http',
    );
    try {
      const r = await run(
        `const a = await http.asyncRequest('GET', '${raw.url}/');
const b = await http.asyncRequest('POST', '${raw.url}/', 'payload');
console.log(a.status + ' ' + b.status + ' ' + b.body);`,
        `{ iterations: 1 }`,
      );
      assert.deepEqual(r.consoleLines, [`200 200 ${BODY}`], r.stderr);
      assert.equal(raw.connections, 2);
    } finally {
      raw.server.close();
    }
  });

  it('refuses, as Go does, a header value that would smuggle a header or a request', async () => {
    let injected = 0;
    const server = http.createServer((req, res) => {
      if (req.headers['x-injected'] || req.url === '/smuggled') injected++;
      handler(req, res);
    });
    const target = await listen(server, 'http');
    try {
      const r = await run(
        `const bad = await http.asyncRequest('GET', '${target.url}/', null, { headers: { 'X-Note': 'a\\r\\nX-Injected: yes' } });
const smuggle = await http.asyncRequest('GET', '${target.url}/', null, { headers: { 'X-Note': 'a\\r\\n\\r\\nGET /smuggled HTTP/1.1' } });
const badName = await http.asyncRequest('GET', '${target.url}/', null, { headers: { 'Bad Name': 'x' } });
const good = await http.asyncRequest('GET', '${target.url}/', null, { headers: { 'X-Note': 'fine' } });
console.log([bad.status, bad.error, smuggle.error, badName.error, good.status].join(' | '));`,
        `{ iterations: 1 }`,
      );
      assert.deepEqual(
        r.consoleLines,
        [
          '0 | net/http: invalid header field value for "X-Note" | net/http: invalid header field value for "X-Note" | net/http: invalid header field name "Bad Name" | 200',
        ],
        r.stderr,
      );
      assert.equal(injected, 0, 'nothing reached the server');
      assert.equal(target.connections, 1, 'only the good request was sent');
    } finally {
      server.close();
    }
  });

  describe('over TLS', () => {
    let secure: CountingServer;
    before(async () => {
      secure = await listen(
        https.createServer({ key: testPrivateKeyPem(), cert: testCertificatePem() }, handler),
        'https',
      );
    });
    after(() => secure.server.close());

    it('refuses a certificate it cannot verify with k6 code 1310', async () => {
      const r = await run(
        `const res = await http.asyncRequest('GET', '${secure.url}/');\nconsole.log(res.status + ' ' + res.error_code + ' ' + res.error);`,
        `{ iterations: 1 }`,
      );
      assert.deepEqual(r.consoleLines, ['0 1310 x509: unknown authority'], r.stderr);
    });

    it('accepts it under insecureSkipTLSVerify and times the handshake', async () => {
      const r = await run(
        `const a = await http.asyncRequest('GET', '${secure.url}/');
const b = await http.asyncRequest('GET', '${secure.url}/');
console.log(a.status + ' ' + a.body + ' ' + (a.timings.tls_handshaking > 0) + ' ' + b.timings.tls_handshaking);`,
        `{ iterations: 1, insecureSkipTLSVerify: true }`,
      );
      assert.deepEqual(r.consoleLines, [`200 ${BODY} true 0`], r.stderr);
      assert.ok(r.summary.metrics.http_req_tls_handshaking.values.max > 0);
    });
  });
});
