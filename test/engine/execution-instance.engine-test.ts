import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runScript, startServer, type LoopbackServer, type ScriptRun } from './run-script.ts';

// exec.instance shows the run's counters, whichever thread the VU lives on: a VU on a host thread
// (a blocking script, or a share of the VUs with --threads) reads the same values as one on the main thread.

interface InstanceLine {
  vu: number;
  iter: number;
  iterationsCompleted: number;
  iterationsInterrupted: number;
  vusActive: number;
  vusInitialized: number;
  currentTestRunDuration: number;
}

const LOG_INSTANCE = `console.log(JSON.stringify({ vu: __VU, iter: __ITER, ...exec.instance }));`;

const instanceLines = (r: ScriptRun): InstanceLine[] =>
  r.consoleLines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));

describe('exec.instance on a VU thread of a blocking script', () => {
  let r: ScriptRun;
  let lines: InstanceLine[];
  before(async () => {
    // setup() sleeps first, so a clock started by the VU's own thread would read well under 300 ms.
    r = await runScript(`import http from 'k6/http';
import { sleep } from 'k6';
import exec from 'k6/execution';
export const options = { scenarios: { s: { executor: 'per-vu-iterations', vus: 2, iterations: 3 } } };
export function setup() { sleep(0.3); }
export default function () {
  if (false) http.get('http://127.0.0.1:1/');
  // VU 2 waits for VU 1, on another thread, to run all its iterations.
  if (__VU === 2 && __ITER === 0) sleep(1);
  ${LOG_INSTANCE}
  if (__VU === 1 && __ITER === 0) throw new Error('one interrupted iteration');
  sleep(0.02);
}
export function teardown() { console.log('teardown ' + exec.instance.iterationsCompleted + ' ' + exec.instance.iterationsInterrupted); }`);
    lines = instanceLines(r);
  });

  it('runs every iteration', () => {
    assert.equal(r.code, 0, r.stderr);
    assert.equal(lines.length, 6, r.consoleLines.join('\n'));
  });

  it("shows the run's active and initialised VUs", () => {
    for (const l of lines) {
      assert.ok(l.vusActive >= 1 && l.vusActive <= 2, `vusActive ${l.vusActive} in ${JSON.stringify(l)}`);
      assert.equal(l.vusInitialized, 2, JSON.stringify(l));
    }
  });

  it('counts the iterations that ended before, on every thread', () => {
    for (const l of lines) {
      // At least the VU's own earlier iterations, at most all the others.
      assert.ok(l.iterationsCompleted + l.iterationsInterrupted >= l.iter, JSON.stringify(l));
      assert.ok(l.iterationsCompleted + l.iterationsInterrupted <= 5, JSON.stringify(l));
    }
    for (const l of lines.filter((x) => x.vu === 1 && x.iter > 0))
      assert.equal(l.iterationsInterrupted, 1, JSON.stringify(l));
    const afterVu1 = lines.find((x) => x.vu === 2 && x.iter === 0);
    assert.deepEqual(
      [afterVu1?.iterationsCompleted, afterVu1?.iterationsInterrupted],
      [2, 1],
      JSON.stringify(afterVu1),
    );
    assert.ok(
      lines.filter((l) => l.iter === 2).every((l) => l.iterationsCompleted > 0),
      JSON.stringify(lines),
    );
  });

  it("measures currentTestRunDuration from the run's start, before setup()", () => {
    for (const l of lines)
      assert.ok(l.currentTestRunDuration >= 290 && l.currentTestRunDuration < 60_000, JSON.stringify(l));
  });

  it("shows teardown() the run's final counts", () => {
    assert.ok(r.consoleLines.includes('teardown 5 1'), r.consoleLines.join('\n'));
  });
});

describe('exec.instance with --threads 2', () => {
  let server: LoopbackServer;
  before(async () => (server = await startServer()));
  after(() => server.close());

  it("shows the VUs on the second thread the run's VUs and iterations", async () => {
    const r = await runScript(
      `import http from 'k6/http';
import exec from 'k6/execution';
export const options = { scenarios: { s: { executor: 'per-vu-iterations', vus: 4, iterations: 3 } } };
export default async function () {
  await http.asyncRequest('GET', '${server.url}/');
  ${LOG_INSTANCE}
}`,
      ['--threads', '2'],
    );
    assert.equal(r.code, 0, r.stderr);
    const lines = instanceLines(r);
    assert.equal(lines.length, 12, r.consoleLines.join('\n'));
    // VUs are dealt round-robin: odd ids go to the second thread.
    const onSecondThread = lines.filter((l) => l.vu % 2 === 1);
    assert.equal(onSecondThread.length, 6);
    for (const l of lines) {
      assert.ok(l.vusActive >= 1 && l.vusActive <= 4, `vusActive ${l.vusActive} in ${JSON.stringify(l)}`);
      assert.equal(l.vusInitialized, 4, JSON.stringify(l));
      assert.ok(l.iterationsCompleted >= l.iter && l.iterationsCompleted <= 11, JSON.stringify(l));
    }
    assert.ok(
      onSecondThread.filter((l) => l.iter === 2).every((l) => l.iterationsCompleted >= 2),
      JSON.stringify(onSecondThread),
    );
  });
});
