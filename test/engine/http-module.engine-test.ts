import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runScript, startServer, WRITE_SUMMARY, type LoopbackServer } from './run-script.ts';

describe('k6/http on the engine', () => {
  let server: LoopbackServer;
  let auth: string | undefined;
  let lastCookie: string | undefined;
  let lastBody = '';
  before(async () => {
    server = await startServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        lastBody = body;
        if (url.pathname === '/redirect') {
          res.writeHead(302, { location: '/target' }).end();
        } else if (url.pathname === '/set-cookie') {
          res
            .writeHead(200, {
              'set-cookie': ['session=abc; Path=/', 'pref=dark; Domain=.Example.com; Max-Age=60; Secure; HttpOnly'],
            })
            .end('ok');
        } else if (url.pathname === '/fixed') {
          // A length rather than chunks: the head the engine's one-pass path recognises when it repeats.
          res
            .writeHead(200, { 'content-type': 'application/json', 'content-length': 2, 'x-ratelimit-remaining': '9' })
            .end('{}');
        } else if (url.pathname === '/slow') {
          setTimeout(() => res.end('late'), 2000);
        } else {
          auth = req.headers.authorization;
          lastCookie = req.headers.cookie;
          const status = /^\/status\/(\d+)/.exec(url.pathname);
          res.writeHead(status ? Number(status[1]) : 200, {
            'content-type': 'application/json',
            'x-ratelimit-remaining': '9',
            'www-authenticate': 'Bearer',
          });
          res.end(
            JSON.stringify({
              path: url.pathname,
              items: [{ id: 'a' }, { id: 'b' }],
              body,
              cookie: req.headers.cookie,
              rawHeaders: req.rawHeaders,
            }),
          );
        }
      });
    });
  });
  after(() => server.close());

  const run = (body: string, options = '{ iterations: 1 }') =>
    runScript(`import http from 'k6/http';
import { check } from 'k6';
export const options = ${options};
const base = '${server.url}';
export default async function () {
${body}
}
${WRITE_SUMMARY}`);

  it('canonicalises response header names as Go does', async () => {
    const r = await run(`const res = await http.asyncRequest('GET', base + '/');
console.log(res.headers['X-Ratelimit-Remaining'] + ' ' + res.headers['Www-Authenticate'] + ' ' + res.headers['Content-Type']);`);
    assert.deepEqual(r.consoleLines, ['9 Bearer application/json'], r.stderr);
  });

  it('gives each response a headers object of its own, though the connection repeats its head', async () => {
    const r = await run(`const first = await http.asyncRequest('GET', base + '/fixed');
first.headers['Content-Type'] = 'changed';
delete first.headers['X-Ratelimit-Remaining'];
const second = await http.asyncRequest('GET', base + '/fixed');
console.log(second.headers['Content-Type'] + ' ' + second.headers['X-Ratelimit-Remaining']);`);
    assert.deepEqual(r.consoleLines, ['application/json 9'], r.stderr);
  });

  it('gives a status >= 400 its error_code, tags and http_req_failed', async () => {
    const r = await run(
      `const res = await http.asyncRequest('GET', base + '/status/429');
console.log(res.status + ' ' + res.error_code);`,
      `{ iterations: 1, thresholds: { 'http_reqs{error_code:1429}': ['count==1'], 'http_reqs{expected_response:false}': ['count==1'], 'http_reqs{status:429}': ['count==1'] } }`,
    );
    assert.deepEqual(r.consoleLines, ['429 1429']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.summary.metrics.http_req_failed.values, { rate: 1, passes: 1, fails: 0 });
  });

  it('honours responseCallback/expectedStatuses and setResponseCallback(null)', async () => {
    const r =
      await run(`await http.asyncRequest('GET', base + '/status/404', null, { responseCallback: http.expectedStatuses(404, { min: 200, max: 204 }) });
http.setResponseCallback(null);
await http.asyncRequest('GET', base + '/status/500');`);
    assert.deepEqual(
      r.summary.metrics.http_req_failed.values,
      { rate: 0, passes: 0, fails: 1 },
      'the 404 was expected; the 500 is not counted at all',
    );
  });

  it('sets the url tag to the name tag when one is given', async () => {
    const r = await run(
      `await http.asyncRequest('GET', base + '/a?id=1', null, { tags: { name: 'items' } });`,
      `{ iterations: 1, thresholds: { 'http_reqs{url:items}': ['count==1'], 'http_reqs{name:items}': ['count==1'] } }`,
    );
    assert.equal(r.code, 0, r.stderr);
  });

  it('counts http.url requests under their template as the name tag, unless params.tags names them', async () => {
    const r = await run(
      `for (const id of [1, 2, 3]) await http.asyncRequest('GET', http.url\`\${base}/posts/\${id}\`);
const named = await http.asyncRequest('GET', http.url\`\${base}/posts/\${9}\`, null, { tags: { name: 'mine' } });
console.log(named.url + ' ' + String(http.url\`\${base}/x\`));`,
      `{ iterations: 1, thresholds: { 'http_reqs{name:\${}/posts/\${}}': ['count==3'], 'http_reqs{name:mine}': ['count==1'] } }`,
    );
    assert.deepEqual(r.consoleLines, [`${server.url}/posts/9 ${server.url}/x`], r.stderr);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.summary.metrics['http_reqs{name:${}/posts/${}}'].values.count, 3);
  });

  it('follows redirects (each hop a request) unless redirects is 0', async () => {
    const r = await run(`const followed = await http.asyncRequest('GET', base + '/redirect');
const kept = await http.asyncRequest('GET', base + '/redirect', null, { redirects: 0 });
console.log(followed.status + ' ' + followed.url.replace(base, '') + ' ' + kept.status + ' ' + kept.headers.Location);`);
    assert.deepEqual(r.consoleLines, ['200 /target 302 /target']);
    assert.equal(r.summary.metrics.http_reqs.values.count, 3);
  });

  it('keeps cookies in the VU jar and sends them back', async () => {
    const r = await run(`await http.asyncRequest('GET', base + '/set-cookie');
await http.asyncRequest('GET', base + '/echo');
console.log(JSON.stringify(http.cookieJar().cookiesForURL(base + '/')));`);
    assert.equal(lastCookie, 'session=abc', 'the cookie for another domain stays in the jar');
    assert.deepEqual(r.consoleLines, ['{"session":["abc"]}']);
  });

  it('sends params cookies before the jar ones, replace: true standing in for the jar cookie of that name, and lists them in res.request.cookies', async () => {
    const r = await run(`const jar = http.cookieJar();
jar.set(base + '/', 'session', 'jar');
jar.set(base + '/', 'theme', 'light');
const replaced = await http.asyncRequest('GET', base + '/echo', null, { cookies: { session: { value: 'mine', replace: true }, extra: 'x' } });
const added = await http.asyncRequest('GET', base + '/echo', null, { cookies: { theme: 'dark' }, headers: { cookie: 'own=1' } });
for (const res of [replaced, added]) {
  console.log(res.json().cookie);
  console.log(JSON.stringify(res.request.cookies));
}`);
    const sent = (name: string, value: string) => ({ name, value, replace: false });
    assert.equal(r.consoleLines[0], 'session=mine; extra=x; theme=light', r.stderr);
    assert.deepEqual(JSON.parse(r.consoleLines[1]), {
      session: [sent('session', 'mine')],
      extra: [sent('extra', 'x')],
      theme: [sent('theme', 'light')],
    });
    // A Cookie header of the script's own comes first, as Go's AddCookie appends to it.
    assert.equal(r.consoleLines[2], 'own=1; theme=dark; session=jar; theme=light');
    assert.deepEqual(JSON.parse(r.consoleLines[3]), {
      own: [sent('own', '1')],
      theme: [sent('theme', 'dark'), sent('theme', 'light')],
      session: [sent('session', 'jar')],
    });
  });

  it("sends request header names in Go's canonical form, a later spelling replacing an earlier one, and gives res.request.headers as Go's name → values", async () => {
    const r =
      await run(`const res = await http.asyncRequest('POST', base + '/echo', 'a=1', { headers: { 'x-trace-id': 'first', 'X-TRACE-ID': 'second', 'user-agent': 'mine', 'content-type': 'text/plain' } });
console.log(JSON.stringify(res.json().rawHeaders));
console.log(JSON.stringify(res.request.headers));
console.log(JSON.stringify(res.request));`);
    const raw: string[] = JSON.parse(r.consoleLines[0]);
    const names = raw.filter((_, i) => i % 2 === 0);
    assert.deepEqual(
      names.filter((n) => n !== 'Host' && n !== 'Content-Length'),
      ['User-Agent', 'X-Trace-Id', 'Content-Type'],
      r.stderr,
    );
    assert.equal(raw[raw.indexOf('X-Trace-Id') + 1], 'second');
    assert.equal(raw[raw.indexOf('User-Agent') + 1], 'mine');
    assert.deepEqual(JSON.parse(r.consoleLines[1]), {
      'User-Agent': ['mine'],
      'X-Trace-Id': ['second'],
      'Content-Type': ['text/plain'],
    });
    assert.deepEqual(JSON.parse(r.consoleLines[2]), {
      method: 'POST',
      url: `${server.url}/echo`,
      headers: { 'User-Agent': ['mine'], 'X-Trace-Id': ['second'], 'Content-Type': ['text/plain'] },
      body: 'a=1',
      cookies: {},
    });
  });

  it("gives a response's Set-Cookie cookies in res.cookies, by name, as k6 does", async () => {
    const r = await run(`const res = await http.asyncRequest('GET', base + '/set-cookie');
const none = await http.asyncRequest('GET', base + '/echo');
console.log(JSON.stringify(res.cookies));
console.log(JSON.stringify(none.cookies));`);
    assert.deepEqual(JSON.parse(r.consoleLines[0]), {
      session: [
        {
          name: 'session',
          value: 'abc',
          domain: '',
          path: '/',
          http_only: false,
          secure: false,
          max_age: 0,
          expires: 0,
        },
      ],
      pref: [
        {
          name: 'pref',
          value: 'dark',
          domain: 'example.com',
          path: '',
          http_only: true,
          secure: true,
          max_age: 60,
          expires: 0,
        },
      ],
    });
    assert.equal(r.consoleLines[1], '{}');
  });

  it('parses JSON bodies with a selector and sends plain objects as forms', async () => {
    const r = await run(`const res = await http.asyncRequest('POST', base + '/', { a: '1', b: 'x y' });
console.log(res.json('items.1.id') + ' ' + res.json('items.#') + ' ' + res.json().body);`);
    assert.deepEqual(r.consoleLines, ['b 2 a=1&b=x+y']);
    assert.equal(lastBody, 'a=1&b=x+y');
  });

  it("encodes a plain object as Go's url.Values does: keys sorted, an array as repeated keys, Go's escaping", async () => {
    await run(`await http.asyncRequest('POST', base + '/', { z: 1, a: ['x', 'y z'], s: "it's ~*!" });`);
    assert.equal(lastBody, 'a=x&a=y+z&s=it%27s+~%2A%21&z=1');
  });

  it('sends an object holding an http.file() as multipart/form-data, each part as Go writes it', async () => {
    const r = await run(`const bytes = new Uint8Array([0, 255, 10]).buffer;
const res = await http.asyncRequest('POST', base + '/', {
  'note "1"': 'plain',
  doc: http.file('hello', 'a "quoted" name.txt', 'text/plain'),
  raw: http.file(bytes),
});
const raw = res.json().rawHeaders;
console.log(raw[raw.indexOf('Content-Type') + 1]);
console.log(JSON.stringify({ filename: http.file('x').filename, type: http.file('x').content_type }));`);
    const contentType = /^multipart\/form-data; boundary=([0-9a-f]{60})$/.exec(r.consoleLines[0]);
    assert.ok(contentType, `${r.consoleLines[0]} ${r.stderr}`);
    const b = contentType[1];
    const defaults = JSON.parse(r.consoleLines[1]);
    assert.match(defaults.filename, /^\d{19}$/, 'the time in nanoseconds');
    assert.equal(defaults.type, 'application/octet-stream');
    const rawName = /name="raw"; filename="(\d{19})"/.exec(lastBody)?.[1];
    assert.equal(
      lastBody,
      `--${b}\r\nContent-Disposition: form-data; name="note \\"1\\""\r\n\r\nplain` +
        `\r\n--${b}\r\nContent-Disposition: form-data; name="doc"; filename="a \\"quoted\\" name.txt"\r\nContent-Type: text/plain\r\n\r\nhello` +
        `\r\n--${b}\r\nContent-Disposition: form-data; name="raw"; filename="${rawName}"\r\nContent-Type: application/octet-stream\r\n\r\n\u0000\ufffd\n` +
        `\r\n--${b}--\r\n`,
    );
  });

  it('refuses http.file() data that is neither a string nor an ArrayBuffer, naming both', async () => {
    const r = await run(`try { http.file(new Uint8Array(2)); } catch (e) { console.log(e.message); }`);
    assert.deepEqual(r.consoleLines, [
      "http.file(): invalid data of type Uint8Array, expected a string or an ArrayBuffer (open(path, 'b') gives one)",
    ]);
  });

  it('uses a jar made with new http.CookieJar() when params.jar names it; null or nothing leaves the VU jar', async () => {
    const r = await run(`const mine = new http.CookieJar();
mine.set(base + '/', 'own', '1');
http.cookieJar().set(base + '/', 'vu', '1');
await http.asyncRequest('GET', base + '/set-cookie', null, { jar: mine });
const withMine = await http.asyncRequest('GET', base + '/echo', null, { jar: mine });
const withNull = await http.asyncRequest('GET', base + '/echo', null, { jar: null });
console.log(withMine.json().cookie + ' | ' + withNull.json().cookie);
console.log(JSON.stringify(mine.cookiesForURL(base + '/')) + ' ' + JSON.stringify(http.cookieJar().cookiesForURL(base + '/')));`);
    assert.deepEqual(
      r.consoleLines,
      ['own=1; session=abc | vu=1', '{"own":["1"],"session":["abc"]} {"vu":["1"]}'],
      r.stderr,
    );
  });

  it('says that res.html(), submitForm() and clickLink() need k6/html, and k6', async () => {
    const r = await run(`const res = await http.asyncRequest('GET', base + '/');
for (const f of ['html', 'submitForm', 'clickLink']) { try { res[f](); } catch (e) { console.log(e.message); } }`);
    assert.deepEqual(
      r.consoleLines,
      ['html', 'submitForm', 'clickLink'].map(
        (f) => `res.${f}() parses HTML with k6/html, which the local engine does not provide; run this script with k6`,
      ),
    );
  });

  it('sends basic auth from the URL', async () => {
    await run(`await http.asyncRequest('GET', base.replace('http://', 'http://user:p%40ss@') + '/');`);
    assert.equal(auth, `Basic ${Buffer.from('user:p@ss').toString('base64')}`);
  });

  it('times out with error_code 1050, and reports a refused connection', async () => {
    const r = await run(`const slow = await http.asyncRequest('GET', base + '/slow', null, { timeout: '200ms' });
const refused = await http.asyncRequest('GET', 'http://127.0.0.1:1/');
console.log(slow.status + ' ' + slow.error_code + ' ' + refused.status + ' ' + refused.error_code);`);
    assert.deepEqual(r.consoleLines, ['0 1050 0 1212'], r.stderr);
  });

  it('records timings whose phases add up to the duration', async () => {
    const r = await run(`const res = await http.asyncRequest('GET', base + '/');
const t = res.timings;
console.log(String(Math.abs(t.sending + t.waiting + t.receiving - t.duration) < 1e-6 && t.duration > 0));`);
    assert.deepEqual(r.consoleLines, ['true']);
  });

  it('returns an ArrayBuffer for responseType binary and nothing for none', async () => {
    const r = await run(`const bin = await http.asyncRequest('GET', base + '/', null, { responseType: 'binary' });
const none = await http.asyncRequest('GET', base + '/', null, { responseType: 'none' });
console.log((bin.body instanceof ArrayBuffer) + ' ' + none.body);`);
    assert.deepEqual(r.consoleLines, ['true null']);
  });
});
