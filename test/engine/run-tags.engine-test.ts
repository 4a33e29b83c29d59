import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { runScript, type ScriptRun } from './run-script.ts';

// A sample in each phase of the run; `sleep` makes the script one that blocks, whose setup() and
// teardown() run on a thread of their own.
const script = (blocking: boolean) => `import { Counter } from 'k6/metrics';
${blocking ? "import { sleep } from 'k6';" : ''}
const marks = new Counter('marks');
export const options = { iterations: 1, tags: { suite: 'load' } };
export function setup() { marks.add(1, { phase: 'setup' }); }
export default function () { marks.add(1, { phase: 'iteration' }); ${blocking ? 'sleep(0.01);' : ''} }
export function teardown() { marks.add(1, { phase: 'teardown' }); }
`;

interface Point {
  metric: string;
  data: { tags: Record<string, string> };
}

const pointsOf = (run: ScriptRun): Point[] =>
  readFileSync(path.join(run.dir, 'out.ndjson'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line))
    .filter((entry) => entry.type === 'Point');

describe('run tags (--tag and the options’ tags)', () => {
  const runs: Record<string, ScriptRun> = {};
  before(async () => {
    const args = ['-q', '--tag', 'testid=run-7', '--out', 'json=out.ndjson'];
    [runs.async, runs.blocking] = await Promise.all([runScript(script(false), args), runScript(script(true), args)]);
  });

  for (const kind of ['async', 'blocking']) {
    it(`are on every sample of a script that ${kind === 'async' ? 'does not block' : 'blocks'}, setup()'s and teardown()'s included, as k6 tags them`, () => {
      const run = runs[kind];
      assert.equal(run.code, 0, run.stderr);
      const points = pointsOf(run);
      const phases = points.filter((p) => p.metric === 'marks').map((p) => p.data.tags.phase);
      assert.deepEqual(phases.sort(), ['iteration', 'setup', 'teardown']);
      for (const p of points) {
        assert.equal(p.data.tags.testid, 'run-7', JSON.stringify(p));
        assert.equal(p.data.tags.suite, 'load', JSON.stringify(p));
      }
    });
  }
});
