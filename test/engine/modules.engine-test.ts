import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { runScript, WRITE_SUMMARY } from './run-script.ts';

describe('k6 modules and globals on the engine', () => {
  it('gives each VU its own module state and runs the init code per VU with __VU', async () => {
    const r = await runScript(`let count = 0;
const initVu = __VU;
export const options = { scenarios: { s: { executor: 'per-vu-iterations', vus: 2, iterations: 3 } } };
export default async function () { count++; if (__ITER === 2) console.log('vu ' + __VU + ' init ' + initVu + ' count ' + count); }`);
    assert.deepEqual(r.consoleLines.sort(), ['vu 1 init 1 count 3', 'vu 2 init 2 count 3']);
  });

  it('hands setup() data to every VU and to teardown()', async () => {
    const r = await runScript(`export const options = { iterations: 2 };
export function setup() { return { token: 't-1' }; }
export default async function (data) { console.log('iter ' + data.token); }
export function teardown(data) { console.log('teardown ' + data.token); }`);
    assert.deepEqual(r.consoleLines.sort(), ['iter t-1', 'iter t-1', 'teardown t-1']);
  });

  it('reads __ENV from -e and open() only in the init context', async () => {
    const r = await runScript(
      `const text = open('./data.txt');
export const options = { iterations: 1 };
export default async function () {
  console.log(__ENV.GREETING + ' ' + text.trim());
  try { open('./data.txt'); } catch (e) { console.log('open later: ' + e.message); }
}`.replace('./data.txt', writeData()),
      ['-e', 'GREETING=hello'],
    );
    assert.deepEqual(r.consoleLines, [
      'hello from a file',
      'open later: open() can only be called from the init context',
    ]);
  });

  it("group() nests checks and refuses async callbacks with k6's message", async () => {
    const r = await runScript(`import { check, group } from 'k6';
export const options = { iterations: 1 };
export default async function () {
  group('outer', () => { group('inner', () => { check(1, { 'is one': (v) => v === 1 }); }); });
  try { group('bad', async () => {}); } catch (e) { console.log(e.message); }
}
${WRITE_SUMMARY}`);
    assert.deepEqual(r.consoleLines, ['group() does not support async functions as arguments']);
    const inner = r.summary.root_group.groups[0].groups[0];
    assert.equal(inner.path, '::outer::inner');
    assert.deepEqual([inner.checks[0].path, inner.checks[0].passes], ['::outer::inner::is one', 1]);
  });

  it('check() returns whether all passed and tags samples with check (and custom tags)', async () => {
    const r = await runScript(`import { check } from 'k6';
export const options = { iterations: 1, thresholds: { 'checks{check:b}': ['rate==0'], 'checks{kind:x}': ['rate==0.5'] } };
export default async function () { console.log(String(check(1, { a: () => true, b: () => false }, { kind: 'x' }))); }
${WRITE_SUMMARY}`);
    assert.deepEqual(r.consoleLines, ['false']);
    assert.equal(r.code, 0, r.stderr);
  });

  it('k6/metrics: custom metrics, isTime, tags and init-only construction', async () => {
    const r = await runScript(`import { Counter, Gauge, Rate, Trend } from 'k6/metrics';
const c = new Counter('my_counter'); const g = new Gauge('my_gauge'); const rt = new Rate('my_rate'); const t = new Trend('my_time', true);
export const options = { iterations: 2, thresholds: { 'my_counter{k:v}': ['count==4'] } };
export default async function () {
  c.add(2, { k: 'v' }); g.add(__ITER); rt.add(true); rt.add(0); t.add(12.5);
  try { new Counter('late'); } catch (e) { console.log(e.message.includes('init context')); }
}
${WRITE_SUMMARY}`);
    const m = r.summary.metrics;
    assert.equal(r.code, 0, r.stderr);
    assert.equal(m.my_counter.values.count, 4);
    assert.equal(m.my_gauge.type, 'gauge');
    assert.equal(m.my_rate.values.rate, 0.5);
    assert.deepEqual([m.my_time.contains, m.my_time.values.avg], ['time', 12.5]);
    assert.deepEqual(r.consoleLines, ['true', 'true']);
  });

  it('k6/execution: vu, scenario, instance and tags set on the VU', async () => {
    const r = await runScript(`import exec from 'k6/execution';
export const options = { scenarios: { main: { executor: 'shared-iterations', vus: 1, iterations: 2 } }, thresholds: { 'iterations{team:core}': ['count==1'] } };
export default async function () {
  if (exec.scenario.iterationInTest === 1) exec.vu.tags.team = 'core';
  console.log([exec.vu.idInTest, exec.scenario.name, exec.scenario.executor, exec.scenario.iterationInTest, exec.vu.iterationInScenario, exec.test.options.scenarios.main.iterations].join(' '));
}
${WRITE_SUMMARY}`);
    assert.deepEqual(r.consoleLines, ['1 main shared-iterations 0 0 2', '1 main shared-iterations 1 1 2']);
    assert.equal(r.code, 0, r.stderr);
  });

  it('k6/execution: test.options as k6 derives them (shortcuts turned into a default scenario, frozen); vu, instance and options refused in the init context', async () => {
    const r = await runScript(`import exec from 'k6/execution';
export const options = { vus: 1, iterations: 2, tags: { team: 'x' } };
const refused = [() => exec.test.options, () => exec.vu.idInTest, () => exec.instance.vusActive].map((read) => {
  try { read(); return 'read'; } catch (e) { return e.message; }
});
export default async function () {
  if (__ITER > 0) return;
  const o = exec.test.options;
  o.scenarios.default.vus = 9;
  console.log(JSON.stringify(o));
  console.log(refused.join(' | '));
}`);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.consoleLines[0]), {
      tags: { team: 'x' },
      scenarios: { default: { executor: 'shared-iterations', vus: 1, iterations: 2 } },
    });
    assert.equal(
      r.consoleLines[1],
      'getting test options in the init context is not supported | getting VU information in the init context is not supported | getting instance information in the init context is not supported',
    );
  });

  it('k6/encoding, k6/crypto, web crypto and text codecs', async () => {
    const r = await runScript(`import encoding from 'k6/encoding';
import crypto from 'k6/crypto';
export const options = { iterations: 1 };
export default async function () {
  console.log(encoding.b64encode('hi?>'), encoding.b64encode('hi?>', 'rawurl'), encoding.b64decode('aGk_Pg', 'rawurl', 's'));
  console.log(crypto.sha256('abc', 'hex'));
  console.log(crypto.hmac('sha256', 'key', 'The quick brown fox jumps over the lazy dog', 'hex'));
  const h = crypto.createHash('md5'); h.update('a'); h.update('bc'); console.log(h.digest('base64'));
  console.log(String(crypto.randomBytes(8).byteLength));
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode('abc'));
  console.log(String(new Uint8Array(digest)[0]), btoa('hi'), atob('aGk='));
}`);
    assert.deepEqual(r.consoleLines, [
      'aGk/Pg== aGk_Pg hi?>',
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
      'f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8',
      'kAFQmDzST7DWlj99KOF/cg==',
      '8',
      '186 aGk= hi',
    ]);
  });

  it('k6/data: a SharedArray is built once for all VUs and is read-only', async () => {
    const r = await runScript(`import { SharedArray } from 'k6/data';
let built = 0;
const users = new SharedArray('users', () => { built++; return [{ name: 'ada' }, { name: 'bob' }]; });
export const options = { scenarios: { s: { executor: 'per-vu-iterations', vus: 3, iterations: 1 } } };
export default async function () {
  try { users[0].name = 'x'; } catch {}
  console.log(users.length + ' ' + users[__VU % 2].name + ' built ' + built);
}`);
    // VU 0 (setup) built it; VUs 1–3 reuse it, so their own counters stay 0.
    assert.deepEqual(r.consoleLines.sort(), ['2 ada built 0', '2 bob built 0', '2 bob built 0']);
  });

  it('k6/timers and randomSeed make repeatable async scripts', async () => {
    const r = await runScript(`import { setTimeout } from 'k6/timers';
import { randomSeed } from 'k6';
export const options = { iterations: 1 };
export default async function () {
  randomSeed(42); const a = Math.random(); randomSeed(42);
  await new Promise((resolve) => setTimeout(resolve, 20));
  console.log(String(a === Math.random()));
}`);
    assert.deepEqual(r.consoleLines, ['true']);
  });

  it('writes console lines as k6 JSON log records with --log-format json, a warning at level "warning" as logrus names it', async () => {
    const r = await runScript(`export const options = { iterations: 1 };
export default async function () { console.log('a', { b: 1 }); console.warn('careful'); console.error('bad'); }`);
    const records = r.stderr
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l))
      .filter((l) => l.source === 'console');
    assert.deepEqual(
      records.map((l) => [l.level, l.msg]),
      [
        ['info', 'a {"b":1}'],
        ['warning', 'careful'],
        ['error', 'bad'],
      ],
    );
    for (const l of records) assert.deepEqual(Object.keys(l).sort(), ['level', 'msg', 'source', 'time']);
  });
});

function writeData(): string {
  const file = `/tmp/engine-open-${process.pid}.txt`;
  writeFileSync(file, 'from a file\n');
  return file;
}
