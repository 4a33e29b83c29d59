import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runScript, WRITE_SUMMARY } from './run-script.ts';

const wait = `const wait = (ms) => new Promise((r) => setTimeout(r, ms));`;
const logLines = (stderr: string) =>
  stderr
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l));

describe("k6's exit codes", () => {
  it('0 when the run completes and its thresholds hold', async () => {
    const r = await runScript(`export const options = { iterations: 2, thresholds: { iterations: ['count==2'] } };
export default async function () {}`);
    assert.equal(r.code, 0, r.stderr);
  });

  it('99 when a threshold is crossed, and says which', async () => {
    const r = await runScript(`export const options = { iterations: 2, thresholds: { iterations: ['count>5'] } };
export default async function () {}`);
    assert.equal(r.code, 99);
    assert.ok(
      logLines(r.stderr).some((l) => l.level === 'error' && l.msg.includes("'iterations'")),
      r.stderr,
    );
  });

  it('0 with --no-thresholds, even when one would be crossed', async () => {
    const r = await runScript(
      `export const options = { iterations: 2, thresholds: { iterations: ['count>5'] } };
export default async function () {}`,
      ['--no-thresholds'],
    );
    assert.equal(r.code, 0, r.stderr);
  });

  it('99 early when an abortOnFail threshold is crossed', async () => {
    const r = await runScript(`${wait}
export const options = { scenarios: { s: { executor: 'constant-vus', vus: 1, duration: '20s' } },
  thresholds: { checks: [{ threshold: 'rate>0.9', abortOnFail: true }] } };
import { check } from 'k6';
export default async function () { check(1, { never: () => false }); await wait(50); }
${WRITE_SUMMARY}`);
    assert.equal(r.code, 99, r.stderr);
    assert.ok(r.summary.state.testRunDurationMs < 10_000, 'stopped long before the 20 s');
    assert.equal(r.summary.metrics.checks.thresholds['rate>0.9'].ok, false);
  });

  it('delayAbortEval postpones abortOnFail', async () => {
    const r = await runScript(`${wait}
export const options = { scenarios: { s: { executor: 'constant-vus', vus: 1, duration: '3s' } },
  thresholds: { checks: [{ threshold: 'rate>0.9', abortOnFail: true, delayAbortEval: '10s' }] } };
import { check } from 'k6';
export default async function () { check(1, { never: () => false }); await wait(50); }
${WRITE_SUMMARY}`);
    assert.equal(r.code, 99);
    assert.ok(r.summary.state.testRunDurationMs >= 3000, 'ran to the end of its 3 s');
  });

  for (const [what, options] of [
    ['an unknown executor', `{ scenarios: { s: { executor: 'warp-speed' } } }`],
    ['a malformed threshold', `{ thresholds: { http_req_duration: ['p95 < 500'] } }`],
    ['a threshold on a metric that does not exist', `{ thresholds: { no_such_metric: ['count>0'] } }`],
    ['an aggregation the metric type lacks', `{ thresholds: { checks: ['p(95)<1'] } }`],
    ['a bad duration', `{ scenarios: { s: { executor: 'constant-vus', vus: 1, duration: 'soon' } } }`],
    [
      'an arrival-rate scenario without preAllocatedVUs',
      `{ scenarios: { s: { executor: 'constant-arrival-rate', rate: 1, duration: '1s' } } }`,
    ],
  ]) {
    it(`104 for ${what}, with a message naming the field`, async () => {
      const r = await runScript(`export const options = ${options};\nexport default async function () {}`);
      assert.equal(r.code, 104, r.stderr);
      const error = logLines(r.stderr).find((l) => l.level === 'error');
      assert.ok(error && /scenarios|thresholds/.test(error.msg), r.stderr);
      assert.ok(!r.stderr.includes('    at '), 'no stack trace');
    });
  }

  it("107 when the init code throws, the error showing the script's frames and none of the engine's", async () => {
    const r = await runScript(
      `function broken() { throw new Error('init broke'); }\nbroken();\nexport default async function () {}`,
    );
    assert.equal(r.code, 107);
    const error = logLines(r.stderr).find((l) => l.level === 'error')?.msg ?? '';
    assert.match(error, /init broke\n\s+at broken \(.*script\.js:\d+:\d+\)/, r.stderr);
    assert.ok(!/node_modules|\.mjs|LocalVu/.test(error), error);
  });

  for (const [how, extra] of [
    ['on the main thread', ''],
    ['on a VU thread (a script that blocks)', "import { sleep } from 'k6';\nif (false) sleep(1);"],
  ]) {
    it(`107 before setup() when a planned VU's init code throws, ${how}`, async () => {
      const r = await runScript(`${extra}
if (__VU === 2) throw new Error('VU 2 cannot start');
export const options = { vus: 2, iterations: 4 };
export function setup() { console.log('setup ran'); }
export default function () {}`);
      assert.equal(r.code, 107, r.stderr);
      assert.deepEqual(r.consoleLines, [], 'setup() never ran');
      const error = logLines(r.stderr).find((l) => l.level === 'error')?.msg ?? '';
      assert.match(
        error,
        /^could not initialise VU 2: Error: VU 2 cannot start\n\s+at .*script\.js:\d+:\d+$/,
        r.stderr,
      );
    });
  }

  it('107 when an arrival-rate scenario cannot initialise a VU mid-test; teardown and the summary still run', async () => {
    const r = await runScript(`${wait}
if (__VU === 2) throw new Error('VU 2 cannot start');
export const options = { scenarios: { s: { executor: 'constant-arrival-rate', rate: 20, timeUnit: '1s', duration: '3s', preAllocatedVUs: 1, maxVUs: 3 } } };
export default async function () { await wait(200); }
export function teardown() { console.log('teardown ran'); }
${WRITE_SUMMARY}`);
    assert.equal(r.code, 107, r.stderr);
    assert.ok(
      logLines(r.stderr).some(
        (l) => l.level === 'error' && l.msg.startsWith('could not initialise VU 2: Error: VU 2 cannot start'),
      ),
      r.stderr,
    );
    assert.deepEqual(r.consoleLines, ['teardown ran']);
    assert.ok(r.summary.state.testRunDurationMs < 2500, 'stopped before its 3 s');
  });

  it('107 for a module the engine lacks, naming the ones it has and k6', async () => {
    const r = await runScript(`import ws from 'k6/ws';\nexport default async function () {}`);
    assert.equal(r.code, 107);
    const error = logLines(r.stderr).find((l) => l.level === 'error')?.msg ?? '';
    assert.match(error, /no module "k6\/ws" \(it provides k6, k6\/http, .*\); run this script with k6/, r.stderr);
    assert.ok(!/node_modules|\.mjs|LocalVu/.test(error), error);
  });

  it('108 on exec.test.abort(), after teardown and handleSummary', async () => {
    const r = await runScript(`${wait}
import exec from 'k6/execution';
export const options = { scenarios: { s: { executor: 'constant-vus', vus: 1, duration: '20s' } } };
export default async function () { if (__ITER === 2) exec.test.abort('enough'); await wait(10); }
export function teardown() { console.log('teardown ran'); }
${WRITE_SUMMARY}`);
    assert.equal(r.code, 108, r.stderr);
    assert.ok(r.consoleLines.includes('teardown ran'));
    assert.ok(r.summary.state.testRunDurationMs < 10_000);
    assert.ok(logLines(r.stderr).some((l) => l.msg.includes('enough')));
  });

  it('0 when an iteration throws: the error is logged, counted as interrupted, and the run goes on', async () => {
    const r = await runScript(`import exec from 'k6/execution';
export const options = { iterations: 5 };
export default async function () { if (__ITER === 0) throw new Error('one bad iteration'); }
export function teardown() { console.log('interrupted=' + exec.instance.iterationsInterrupted + ' completed=' + exec.instance.iterationsCompleted); }`);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(logLines(r.stderr).some((l) => l.level === 'error' && l.msg.includes('one bad iteration')));
    assert.ok(r.consoleLines.includes('interrupted=1 completed=4'), r.consoleLines.join());
  });

  it('104 for an unknown flag or a malformed --env', async () => {
    assert.equal((await runScript('export default async function () {}', ['--warp'])).code, 104);
    assert.equal((await runScript('export default async function () {}', ['-e', 'NOVALUE'])).code, 104);
  });
});

describe('stopping on a signal', () => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`${signal}: stops gracefully, runs teardown and handleSummary, exits 105`, async () => {
      const r = await runScript(
        `${wait}
export const options = { scenarios: { s: { executor: 'constant-vus', vus: 2, duration: '30s' } } };
export default async function () { if (__ITER === 3) console.log('running'); await wait(50); }
export function teardown() { console.log('teardown ran'); }
${WRITE_SUMMARY}`,
        [],
        { signalWhenLogged: '"running"', signal },
      );
      assert.equal(r.code, 105, r.stderr);
      assert.ok(r.consoleLines.includes('teardown ran'));
      assert.ok(r.summary, 'handleSummary wrote its file');
      assert.ok(r.summary.metrics.iterations.values.count > 0);
      assert.ok(r.summary.state.testRunDurationMs < 20_000);
    });
  }
});
