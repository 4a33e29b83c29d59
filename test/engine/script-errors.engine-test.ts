// A script's exception points at its source line, as k6 shows it: a bundle built by build.mjs links its
// source map, and the engine maps every frame of an init, setup(), iteration or teardown() exception
// back to the TypeScript.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildBundles } from '../../build.mjs';
import { runFile, runScript } from './run-script.ts';

// Each failure is on a line of its own, found by its marker.
const FAILING = `import { group } from 'k6';

interface Failure {
  where: string;
}

function fail(failure: Failure): never {
  throw new Error(\`\${failure.where} broke\`); // marker:throw
}

if (__ENV.FAIL === 'init') fail({ where: 'init' }); // marker:init

export const options = { iterations: 1 };

export function setup(): void {
  if (__ENV.FAIL === 'setup') fail({ where: 'setup' }); // marker:setup
}

export default async function (): Promise<void> {
  group('g', () => {
    if (__ENV.FAIL === 'iteration') fail({ where: 'iteration' }); // marker:iteration
  });
}

export function teardown(): void {
  if (__ENV.FAIL === 'teardown') fail({ where: 'teardown' }); // marker:teardown
}
`;
// The same, calling k6's sleep(): its VUs, setup() and teardown() run on threads of their own.
const BLOCKING = `import { sleep } from 'k6';
export { options, setup, teardown } from './failing.ts';
import run from './failing.ts';

export default async function (): Promise<void> {
  sleep(0.001);
  await run();
}
`;

const lineOf = (marker: string) => FAILING.split('\n').findIndex((l) => l.includes(`marker:${marker}`)) + 1;
const errorRecords = (stderr: string) =>
  stderr
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l))
    .filter((l) => l.level === 'error');

describe('script errors at their source lines', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'engine-source-maps-'));
  const failingTs = path.join(dir, 'scenarios', 'failing.ts');
  /** A frame `\tat [fn (]file:///…/failing.ts:LINE:COLUMN[)]` at a marker's line. */
  const at = (marker: string) =>
    new RegExp(
      `\\tat (\\S+ \\()?file://${failingTs.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${lineOf(marker)}:\\d+\\)?(\\n|$)`,
    );
  before(async () => {
    mkdirSync(path.join(dir, 'scenarios'));
    writeFileSync(failingTs, FAILING);
    writeFileSync(path.join(dir, 'scenarios', 'blocking.ts'), BLOCKING);
    await buildBundles({
      entryPoints: [failingTs, path.join(dir, 'scenarios', 'blocking.ts')],
      outdir: path.join(dir, 'dist'),
      logLevel: 'silent',
    });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("an iteration's exception: every frame at its TypeScript line, logged as k6 logs it", async () => {
    const r = await runFile(dir, 'dist/failing.js', ['-e', 'FAIL=iteration']);
    assert.equal(r.code, 0, r.stderr);
    const [record] = errorRecords(r.stderr);
    assert.equal(record.source, 'stacktrace');
    assert.equal(record.scenario, 'default');
    assert.equal(record.executor, 'shared-iterations');
    const [message, throwFrame, callFrame] = record.msg.split('\n');
    assert.equal(message, 'Error: iteration broke');
    assert.match(throwFrame, /^\tat fail /);
    assert.match(throwFrame, at('throw'));
    assert.match(callFrame, at('iteration'));
  });

  for (const fn of ['init', 'setup', 'teardown']) {
    it(`an exception in ${fn === 'init' ? 'the init code' : `${fn}()`}: at its TypeScript line`, async () => {
      const r = await runFile(dir, 'dist/failing.js', ['-e', `FAIL=${fn}`]);
      const [record] = errorRecords(r.stderr);
      assert.ok(record, r.stderr);
      assert.match(record.msg, new RegExp(`Error: ${fn} broke\\n`));
      assert.match(record.msg, at('throw'));
      assert.match(record.msg, at(fn));
    });
  }

  it('on the threads of a script that blocks too: an iteration, setup()', async () => {
    for (const fn of ['iteration', 'setup']) {
      const r = await runFile(dir, 'dist/blocking.js', ['-e', `FAIL=${fn}`]);
      const [record] = errorRecords(r.stderr);
      assert.ok(record, r.stderr);
      assert.match(record.msg, at('throw'), fn);
      assert.match(record.msg, at(fn), fn);
    }
  });

  it("a bundle whose map is missing: k6's warning, and the bundle's own lines", async () => {
    const copy = path.join(dir, 'moved');
    mkdirSync(copy);
    copyFileSync(path.join(dir, 'dist', 'failing.js'), path.join(copy, 'failing.js'));
    const r = await runFile(copy, 'failing.js', ['-e', 'FAIL=iteration']);
    assert.equal(r.code, 0, r.stderr);
    const records = r.stderr
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l));
    assert.ok(
      records.some(
        (l) =>
          l.level === 'warning' &&
          l.msg === `Couldn't load source map for file://${path.join(copy, 'failing.js')}` &&
          l.error.startsWith('open '),
      ),
      r.stderr,
    );
    assert.match(errorRecords(r.stderr)[0].msg, /\tat fail \(file:\/\/.*\/moved\/failing\.js:\d+:\d+\)/);
  });
});

describe('script errors of a plain script', () => {
  it('point at its own lines (not at the code the engine compiled it to)', async () => {
    const source = `import http from 'k6/http';
import { check } from 'k6';

export const options = { iterations: 1 };

export default async function () {
  check(1, { one: () => true });
  throw new Error('here');
}
`;
    const r = await runScript(source);
    const [record] = errorRecords(r.stderr);
    assert.match(record.msg, /^Error: here\n\tat \S+ \(file:\/\/.*\/script\.js:8:9\)$/, r.stderr);
  });
});
