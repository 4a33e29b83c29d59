import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runScript, startServer, WRITE_SUMMARY, type LoopbackServer } from './run-script.ts';

// k6's sleep() and synchronous http functions block the VU. The engine gives each VU of such a script
// a thread of its own, so that blocking stalls only that VU.
describe('scripts that call blocking functions', () => {
  let server: LoopbackServer;
  before(async () => (server = await startServer()));
  after(() => server.close());

  it('sleep(), http.get/post and http.batch block the VU and return responses', async () => {
    const r = await runScript(`import http from 'k6/http';
import { check, sleep } from 'k6';
export const options = { scenarios: { s: { executor: 'per-vu-iterations', vus: 2, iterations: 2 } } };
export default function () {
  const started = Date.now();
  sleep(0.2);
  const slept = Date.now() - started;
  const res = http.get('${server.url}/status/201');
  const posted = http.post('${server.url}/', JSON.stringify({ a: 1 }), { headers: { 'Content-Type': 'application/json' } });
  const [a, b] = http.batch(['${server.url}/status/202', ['GET', '${server.url}/status/404']]);
  check(res, { 'got 201': (x) => x.status === 201 && x.headers['X-Ratelimit-Remaining'] === '9' });
  check(posted, { 'echoes the body': (x) => x.json('ok') === true });
  check([a, b], { 'batch statuses': (x) => x[0].status === 202 && x[1].status === 404 });
  check(slept, { 'slept 200 ms': (ms) => ms >= 190 });
}
${WRITE_SUMMARY}`);
    assert.equal(r.code, 0, r.stderr);
    const m = r.summary.metrics;
    assert.equal(m.iterations.values.count, 4);
    assert.equal(m.http_reqs.values.count, 16);
    assert.deepEqual(
      [m.checks.values.passes, m.checks.values.fails],
      [16, 0],
      JSON.stringify(r.summary.root_group.checks),
    );
    assert.ok(m['http_req_duration{expected_response:true}'].values.max > 0);
  });

  it('a sleeping VU does not stall the others', async () => {
    const r = await runScript(`import http from 'k6/http';
import { sleep } from 'k6';
export const options = { scenarios: {
  sleeper: { executor: 'per-vu-iterations', vus: 1, iterations: 1, exec: 'sleeper' },
  worker: { executor: 'constant-vus', vus: 1, duration: '1500ms', exec: 'worker' },
} };
export function sleeper() { sleep(3); }
export function worker() { http.get('${server.url}/'); sleep(0.05); }
${WRITE_SUMMARY}`);
    assert.equal(r.code, 0, r.stderr);
    const n = r.summary.metrics['http_reqs'].values.count;
    assert.ok(n >= 8, `the worker VU kept going while the other slept: ${n} requests`);
  });

  it('runs setup() and teardown() where they may block, and passes the data on', async () => {
    const r = await runScript(`import http from 'k6/http';
import { sleep } from 'k6';
export const options = { iterations: 2 };
export function setup() { sleep(0.05); return { path: http.get('${server.url}/from-setup').json('path') }; }
export default function (data) { console.log('vu ' + data.path); sleep(0.01); }
export function teardown(data) { console.log('teardown ' + data.path); }`);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.consoleLines.sort(), ['teardown /from-setup', 'vu /from-setup', 'vu /from-setup']);
  });

  it('exec.test.abort() on a VU thread stops the run with 108', async () => {
    const r = await runScript(`import exec from 'k6/execution';
import { sleep } from 'k6';
export const options = { scenarios: { s: { executor: 'constant-vus', vus: 2, duration: '20s' } } };
export default function () { sleep(0.05); if (__ITER === 2) exec.test.abort('stop here'); }
${WRITE_SUMMARY}`);
    assert.equal(r.code, 108, r.stderr);
    assert.ok(r.summary.state.testRunDurationMs < 15_000);
  });

  it('refuses more VUs than it can give threads, naming the alternatives (104)', async () => {
    const r = await runScript(`import { sleep } from 'k6';
export const options = { vus: 500, duration: '1s' };
export default function () { sleep(1); }`);
    assert.equal(r.code, 104);
    assert.match(r.stderr, /blocking functions.*asyncRequest.*k6/);
  });

  it('names asyncRequest and k6 when a blocking call reaches a shared event loop', async () => {
    // Calling through an alias hides the call from the engine's look at the script.
    const r = await runScript(`import http from 'k6/http';
const client = http;
export const options = { iterations: 1 };
export default async function () { try { client.get('${server.url}/'); } catch (e) { console.log(e.message); } }`);
    assert.match(r.consoleLines[0], /http\.get\(\) is synchronous.*asyncRequest.*k6/);
  });
});
