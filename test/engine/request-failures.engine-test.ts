// Requests that fail on the wire, and redirects cut short: what the script sees, how they are tagged,
// and what k6 logs for them.
import assert from 'node:assert/strict';
import net, { type AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { runScript, startServer, WRITE_SUMMARY, type LoopbackServer } from './run-script.ts';

/** A loopback server that treats every connection with `onConnection`. */
async function rawServer(onConnection: (socket: net.Socket) => void): Promise<{ port: number; close(): void }> {
  const server = net.createServer(onConnection);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, close: () => server.close() };
}

/** A loopback port nothing listens on: taken, then let go. */
async function closedPort(): Promise<number> {
  const server = await rawServer(() => {});
  server.close();
  return server.port;
}

const logRecords = (stderr: string) =>
  stderr
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l));
const warnings = (stderr: string) => logRecords(stderr).filter((l) => l.level === 'warning');

const script = (body: string, options = '{ iterations: 1 }') => `import http from 'k6/http';
export const options = ${options};
export default async function () {
${body}
}
${WRITE_SUMMARY}`;

describe('requests that fail on the wire', () => {
  let resetting: { port: number; close(): void };
  let silent: { port: number; close(): void };
  let mute: { port: number; close(): void };
  before(async () => {
    // Takes the connection and never answers.
    mute = await rawServer(() => {});
    // Reads the request, then resets the connection (an RST, not a FIN).
    resetting = await rawServer((socket) => socket.once('data', () => socket.resetAndDestroy()));
    // Reads the request, then closes the connection without a word.
    silent = await rawServer((socket) => socket.once('data', () => socket.end()));
  });
  after(() => {
    resetting.close();
    silent.close();
    mute.close();
  });

  it('a closed port: status 0, error_code 1212 "dial: connection refused", tagged so, and k6\'s "Request Failed" warning', async () => {
    const port = await closedPort();
    const url = `http://127.0.0.1:${port}/token`;
    const r = await runScript(
      script(
        `const res = await http.asyncRequest('GET', '${url}');
console.log([res.status, res.error_code, res.error, res.proto].join('|'));`,
        `{ iterations: 1, thresholds: { 'http_reqs{error_code:1212}': ['count==1'], 'http_reqs{error:dial: connection refused}': ['count==1'], 'http_req_failed': ['rate==1'] } }`,
      ),
    );
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.consoleLines, ['0|1212|dial: connection refused|']);
    const failed = warnings(r.stderr);
    assert.deepEqual(
      failed.map(({ msg, error }) => ({ msg, error })),
      [{ msg: 'Request Failed', error: `Get "${url}": dial tcp 127.0.0.1:${port}: connect: connection refused` }],
    );
    assert.deepEqual(Object.keys(failed[0]), ['error', 'level', 'msg', 'time']);
  });

  it('a server that resets the connection: 1220 "read: connection reset by peer", logged with both ends', async () => {
    const r = await runScript(
      script(`const res = await http.asyncRequest('POST', 'http://127.0.0.1:${resetting.port}/', 'x');
console.log([res.status, res.error_code, res.error].join('|'));`),
    );
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.consoleLines, ['0|1220|read: connection reset by peer']);
    const [failed] = warnings(r.stderr);
    assert.match(
      failed.error,
      new RegExp(
        `^Post "http://127\\.0\\.0\\.1:${resetting.port}/": read tcp 127\\.0\\.0\\.1:\\d+->127\\.0\\.0\\.1:${resetting.port}: read: connection reset by peer$`,
      ),
    );
  });

  it('a server that closes without answering: 1000 "EOF", as Go reports it', async () => {
    const r = await runScript(
      script(`const res = await http.asyncRequest('GET', 'http://127.0.0.1:${silent.port}/');
console.log([res.status, res.error_code, res.error].join('|'));`),
    );
    assert.deepEqual(r.consoleLines, ['0|1000|EOF'], r.stderr);
    assert.deepEqual(
      warnings(r.stderr).map((l) => l.error),
      [`Get "http://127.0.0.1:${silent.port}/": EOF`],
    );
  });

  it('a request that outlives its timeout: 1050 "request timeout"', async () => {
    const r = await runScript(
      script(`const res = await http.asyncRequest('GET', 'http://127.0.0.1:${mute.port}/', null, { timeout: '200ms' });
console.log([res.status, res.error_code, res.error].join('|'));`),
    );
    assert.deepEqual(r.consoleLines, ['0|1050|request timeout'], r.stderr);
    assert.deepEqual(
      warnings(r.stderr).map((l) => l.error),
      [`Get "http://127.0.0.1:${mute.port}/": request timeout`],
    );
  });

  it('under the throw option a failed request throws the failure into the script, and logs no warning', async () => {
    const port = await closedPort();
    const body = `try { await http.asyncRequest('GET', 'http://127.0.0.1:${port}/'); console.log('no throw'); }
catch (e) { console.log(e.message); }`;
    const expected = `Get "http://127.0.0.1:${port}/": dial tcp 127.0.0.1:${port}: connect: connection refused`;
    const viaOption = await runScript(script(body, '{ iterations: 1, throw: true }'));
    assert.deepEqual(viaOption.consoleLines, [expected], viaOption.stderr);
    assert.deepEqual(warnings(viaOption.stderr), []);
    const viaFlag = await runScript(script(body), ['--throw']);
    assert.deepEqual(viaFlag.consoleLines, [expected], viaFlag.stderr);
  });
});

describe('redirects cut short', () => {
  let server: LoopbackServer;
  before(async () => {
    server = await startServer((req, res) => res.writeHead(302, { location: req.url + 'x' }).end());
  });
  after(() => server.close());

  it("stops at k6's limit of 10 and warns, naming the first URL, only when the script set no limit", async () => {
    const r = await runScript(
      script(`const unlimited = await http.asyncRequest('GET', '${server.url}/a');
const limited = await http.asyncRequest('GET', '${server.url}/b', null, { redirects: 2 });
console.log(unlimited.status + ' ' + unlimited.url);
console.log(limited.status + ' ' + limited.url);`),
    );
    assert.deepEqual(r.consoleLines, [`302 ${server.url}/a${'x'.repeat(10)}`, `302 ${server.url}/bxx`], r.stderr);
    assert.deepEqual(
      warnings(r.stderr).map(({ msg, url }) => ({ msg, url })),
      [
        {
          msg: 'Stopped after 11 redirects and returned the redirection; pass { redirects: n } in request params or set global maxRedirects to silence this',
          url: `${server.url}/a`,
        },
      ],
    );
  });
});
