import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { runScript, WRITE_SUMMARY } from './run-script.ts';

// Iteration counts are exact where k6's are; time-based ones get generous bounds (a shared 2-core box).
const wait = `const wait = (ms) => new Promise((r) => setTimeout(r, ms));`;

function script(scenarios: object, body = 'await wait(10);', extra = ''): string {
  return `${wait}
import exec from 'k6/execution';
export const options = { scenarios: ${JSON.stringify(scenarios)} };
export default async function () { ${body} }
${extra}
export function teardown() {
  console.log('interrupted=' + exec.instance.iterationsInterrupted);
  console.log('initialised=' + exec.instance.vusInitialized);
}
${WRITE_SUMMARY}`;
}

const count = (summary: any, metric: string) => summary.metrics[metric]?.values.count ?? 0;
const logRecords = (stderr: string) =>
  stderr
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l));

describe('executors', () => {
  it('shared-iterations: the VUs share exactly `iterations` iterations', async () => {
    const r = await runScript(script({ s: { executor: 'shared-iterations', vus: 3, iterations: 10 } }));
    assert.equal(r.code, 0, r.stderr);
    assert.equal(count(r.summary, 'iterations'), 10);
    assert.ok(r.consoleLines.includes('initialised=3'), r.consoleLines.join('\n'));
  });

  it('per-vu-iterations: every VU runs `iterations` iterations', async () => {
    const r = await runScript(
      script(
        { s: { executor: 'per-vu-iterations', vus: 3, iterations: 4 } },
        `perVu.add(1, { vu: String(__VU) }); await wait(5);`,
        `import { Counter } from 'k6/metrics'; const perVu = new Counter('per_vu');
export const _ = 0;`,
      ).replace(
        'export const options = {',
        "export const options = { thresholds: { 'per_vu{vu:1}': ['count==4'], 'per_vu{vu:2}': ['count==4'], 'per_vu{vu:3}': ['count==4'] },",
      ),
    );
    assert.equal(r.code, 0, r.stderr);
    assert.equal(count(r.summary, 'iterations'), 12);
    for (const vu of [1, 2, 3]) assert.equal(r.summary.metrics[`per_vu{vu:${vu}}`].values.count, 4);
  });

  it('constant-vus: loops the VUs for the duration', async () => {
    const r = await runScript(script({ s: { executor: 'constant-vus', vus: 2, duration: '1s' } }, 'await wait(100);'));
    assert.equal(r.code, 0, r.stderr);
    const n = count(r.summary, 'iterations');
    assert.ok(n >= 10 && n <= 22, `2 VUs × 1 s of 100 ms iterations ≈ 20, got ${n}`);
    const ms = r.summary.state.testRunDurationMs;
    assert.ok(ms >= 1000 && ms < 3000, `ran ${ms} ms`);
  });

  it('a default function without awaits: the VUs still take turns', async () => {
    // Each such iteration ends inside the call; the next one must not start before the other VUs ran.
    const r = await runScript(`import { Counter } from 'k6/metrics';
const perVu = new Counter('per_vu');
export const options = {
  scenarios: { s: { executor: 'constant-vus', vus: 3, duration: '300ms' } },
  thresholds: { 'per_vu{vu:1}': ['count>0'], 'per_vu{vu:2}': ['count>0'], 'per_vu{vu:3}': ['count>0'] },
};
export default function () { perVu.add(1, { vu: String(__VU) }); }
${WRITE_SUMMARY}`);
    assert.equal(r.code, 0, r.stderr);
    const counts = [1, 2, 3].map((vu) => r.summary.metrics[`per_vu{vu:${vu}}`].values.count);
    const most = Math.max(...counts);
    for (const n of counts)
      assert.ok(n > most / 2, `iterations per VU ${counts.join(', ')}: one VU ran far more than another`);
  });

  it('ramping-vus: follows the stages up to their target', async () => {
    const r = await runScript(
      script(
        {
          s: {
            executor: 'ramping-vus',
            startVUs: 0,
            stages: [
              { duration: '600ms', target: 4 },
              { duration: '600ms', target: 4 },
              { duration: '300ms', target: 0 },
            ],
            gracefulRampDown: '1s',
          },
        },
        'await wait(50);',
      ),
    );
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.summary.metrics.vus_max.values.value, 4);
    const n = count(r.summary, 'iterations');
    // ≈ 2 VUs × 0.6 s + 4 × 0.6 s + 2 × 0.3 s at 20 iterations/s per VU ≈ 84.
    assert.ok(n >= 40 && n <= 110, `got ${n} iterations`);
  });

  it('constant-arrival-rate: starts `rate` iterations per timeUnit, late starts measured', async () => {
    const r = await runScript(
      script({
        s: {
          executor: 'constant-arrival-rate',
          rate: 20,
          timeUnit: '1s',
          duration: '1s',
          // All initialised before the start: on a busy machine a VU made during the second came too
          // late for an iteration, which was then dropped (what the tests below are about).
          preAllocatedVUs: 5,
          maxVUs: 5,
        },
      }),
    );
    assert.equal(r.code, 0, r.stderr);
    const n = count(r.summary, 'iterations');
    assert.ok(n >= 18 && n <= 21, `20/s for 1 s, got ${n}`);
    assert.equal(r.summary.metrics.dropped_iterations, undefined);
  });

  it('constant-arrival-rate runs for its whole duration however few iterations are due: 1 per minute over 2 s', async () => {
    const r = await runScript(
      script({
        s: { executor: 'constant-arrival-rate', rate: 1, timeUnit: '1m', duration: '2s', preAllocatedVUs: 1 },
      }),
    );
    assert.equal(r.code, 0, r.stderr);
    assert.equal(count(r.summary, 'iterations'), 1, 'the one iteration due at the start');
    assert.ok(r.summary.state.testRunDurationMs >= 2000, `ran ${r.summary.state.testRunDurationMs} ms of 2 s`);
  });

  it('ramping-arrival-rate starts an iteration when the area under its rate reaches one, and runs all its stages: 0 to 1 per minute over 2 s starts none', async () => {
    const r = await runScript(
      script({
        s: {
          executor: 'ramping-arrival-rate',
          startRate: 0,
          timeUnit: '1m',
          stages: [{ duration: '2s', target: 1 }],
          preAllocatedVUs: 1,
        },
      }),
    );
    assert.equal(r.code, 0, r.stderr);
    assert.equal(count(r.summary, 'iterations'), 0);
    assert.ok(r.summary.state.testRunDurationMs >= 2000, `ran ${r.summary.state.testRunDurationMs} ms of 2 s`);
  });

  it('an arrival-rate iteration without a free VU is dropped while one more VU is initialised for the next ones', async () => {
    const r = await runScript(
      script(
        {
          s: {
            executor: 'constant-arrival-rate',
            rate: 10,
            timeUnit: '1s',
            duration: '1s',
            preAllocatedVUs: 0,
            maxVUs: 1,
          },
        },
        'await wait(5);',
      ),
    );
    assert.equal(r.code, 0, r.stderr);
    assert.ok(count(r.summary, 'dropped_iterations') >= 1, 'the first iteration found no VU');
    assert.ok(count(r.summary, 'iterations') >= 1, 'the VU initialised meanwhile ran the later ones');
  });

  it('constant-arrival-rate: drops iterations when maxVUs are all busy', async () => {
    const r = await runScript(
      script(
        {
          s: {
            executor: 'constant-arrival-rate',
            rate: 20,
            timeUnit: '1s',
            duration: '1s',
            preAllocatedVUs: 1,
            maxVUs: 2,
            gracefulStop: '0s',
          },
        },
        'await wait(400);',
      ),
    );
    assert.equal(r.code, 0, r.stderr);
    const dropped = count(r.summary, 'dropped_iterations');
    assert.ok(dropped >= 10, `2 VUs busy 400 ms each cannot start 20/s; dropped ${dropped}`);
    assert.ok(r.consoleLines.includes('initialised=2'), r.consoleLines.join('\n'));
    const warnings = logRecords(r.stderr).filter((l) => l.level === 'warning');
    assert.deepEqual(
      warnings.map(({ msg, executor, scenario }) => ({ msg, executor, scenario })),
      [
        {
          msg: 'Insufficient VUs, reached 2 active VUs and cannot initialize more',
          executor: 'constant-arrival-rate',
          scenario: 's',
        },
      ],
    );
  });

  it('ramping-arrival-rate: follows the rate curve', async () => {
    const r = await runScript(
      script({
        s: {
          executor: 'ramping-arrival-rate',
          startRate: 0,
          timeUnit: '1s',
          preAllocatedVUs: 3,
          maxVUs: 10,
          stages: [
            { duration: '1s', target: 20 },
            { duration: '1s', target: 20 },
          ],
        },
      }),
    );
    assert.equal(r.code, 0, r.stderr);
    const n = count(r.summary, 'iterations');
    assert.ok(n >= 27 && n <= 31, `10 (ramp) + 20 (steady) ≈ 30, got ${n}`);
  });

  it('runs scenarios in parallel, each from its startTime, with its exec, env and tags', async () => {
    const r = await runScript(`${wait}
import exec from 'k6/execution';
import { Trend } from 'k6/metrics';
const startedAfter = new Trend('started_after', true);
export const options = {
  scenarios: {
    first: { executor: 'per-vu-iterations', vus: 1, iterations: 3, exec: 'a', env: { WHO: 'a' }, tags: { kind: 'first' } },
    later: { executor: 'per-vu-iterations', vus: 1, iterations: 3, exec: 'b', startTime: '500ms', env: { WHO: 'b' } },
  },
  thresholds: { 'started_after{kind:first}': ['max<400'], 'started_after{scenario:later}': ['min>=450'] },
};
export function setup() { return { t0: Date.now() }; }
export async function a(data) { startedAfter.add(Date.now() - data.t0, {}); console.log(__ENV.WHO + ':' + exec.scenario.name); await wait(20); }
export async function b(data) { startedAfter.add(Date.now() - data.t0); console.log(__ENV.WHO + ':' + exec.scenario.name); }
${WRITE_SUMMARY}`);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual([...new Set(r.consoleLines)].sort(), ['a:first', 'b:later']);
    assert.equal(r.summary.metrics['started_after{kind:first}'].thresholds['max<400'].ok, true);
    assert.equal(r.summary.metrics['started_after{scenario:later}'].thresholds['min>=450'].ok, true);
  });

  it("runs the init code with the run's __ENV and the iterations with the scenario's env over it, as k6 activates a VU", async () => {
    const r = await runScript(
      `console.log('init ' + __ENV.WHO + ' ' + __ENV.GLOBAL);
export const options = { scenarios: { s: { executor: 'per-vu-iterations', vus: 1, iterations: 1, env: { WHO: 'scenario' } } } };
export default async function () { console.log('iteration ' + __ENV.WHO + ' ' + __ENV.GLOBAL); }`,
      ['-e', 'WHO=run', '-e', 'GLOBAL=g'],
    );
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual([...new Set(r.consoleLines)].sort(), ['init run g', 'iteration scenario g']);
  });

  it("initialises every scenario's planned VUs before setup(), as k6 does: all of a closed scenario's, an arrival-rate scenario's preAllocatedVUs", async () => {
    const r = await runScript(`console.log('init ' + __VU);
export const options = { scenarios: {
  closed: { executor: 'per-vu-iterations', vus: 2, iterations: 1 },
  open: { executor: 'constant-arrival-rate', rate: 1, timeUnit: '1s', duration: '1s', preAllocatedVUs: 1, maxVUs: 5, startTime: '100ms' },
} };
export function setup() { console.log('setup'); }
export default async function () { console.log('iteration ' + __VU); }
${WRITE_SUMMARY}`);
    assert.equal(r.code, 0, r.stderr);
    const setupAt = r.consoleLines.indexOf('setup');
    assert.deepEqual(r.consoleLines.slice(0, setupAt).sort(), ['init 0', 'init 1', 'init 2', 'init 3']);
    assert.deepEqual(r.consoleLines.slice(setupAt + 1).sort(), ['iteration 1', 'iteration 2', 'iteration 3']);
    assert.equal(r.summary.metrics.vus_max.values.value, 3);
  });

  for (const executor of ['shared-iterations', 'per-vu-iterations']) {
    it(`${executor}: the iterations not started within maxDuration are dropped, tagged with the scenario only`, async () => {
      const r = await runScript(
        script(
          {
            s: { executor, vus: 2, iterations: 20, maxDuration: '300ms', gracefulStop: '0s', tags: { kind: 'k' } },
          },
          'await wait(100);',
        ),
        ['--out', 'json=metrics.ndjson'],
      );
      assert.equal(r.code, 0, r.stderr);
      const interrupted = Number(r.consoleLines.find((l) => l.startsWith('interrupted='))?.split('=')[1]);
      const dropped = count(r.summary, 'dropped_iterations');
      assert.ok(dropped > 0, 'most of the 20 (or 40) iterations could not start in 300 ms');
      const planned = executor === 'shared-iterations' ? 20 : 40;
      assert.equal(
        count(r.summary, 'iterations') + interrupted + dropped,
        planned,
        'each iteration ran, was cut or dropped',
      );
      const points = readFileSync(path.join(r.dir, 'metrics.ndjson'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l))
        .filter((l) => l.type === 'Point' && l.metric === 'dropped_iterations');
      for (const point of points) assert.deepEqual(point.data.tags, { scenario: 's' });
    });
  }

  it('gracefulStop: iterations still running after it are interrupted', async () => {
    const r = await runScript(
      script(
        { s: { executor: 'constant-vus', vus: 2, duration: '300ms', gracefulStop: '100ms' } },
        'await wait(2000);',
      ),
    );
    assert.equal(r.code, 0, r.stderr);
    assert.ok(r.consoleLines.includes('interrupted=2'), r.consoleLines.join('\n'));
    assert.ok(r.summary.state.testRunDurationMs < 1500, `ran ${r.summary.state.testRunDurationMs} ms`);
  });

  it('the command line shortcuts replace the script scenarios', async () => {
    const r = await runScript(script({ s: { executor: 'shared-iterations', vus: 1, iterations: 1 } }), [
      '--vus',
      '2',
      '--iterations',
      '7',
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(count(r.summary, 'iterations'), 7);
  });

  it('--stage runs ramping-vus', async () => {
    const r = await runScript(
      script({ s: { executor: 'shared-iterations', vus: 1, iterations: 1 } }, 'await wait(20);'),
      ['--stage', '300ms:3', '--stage', '300ms:3'],
    );
    assert.equal(r.code, 0, r.stderr);
    assert.ok(r.consoleLines.includes('initialised=3'), r.consoleLines.join('\n'));
  });
});
