// The test files in the order npm test starts them: the ones that take longest on the clock first
// (each runs a sequence of timed load runs or documented commands, mostly waiting), so that they
// overlap the rest of the suite instead of running on alone at its end. Then every other file, sorted.
import { readdirSync } from 'node:fs';

const LONGEST_FIRST = [
  'test/docs/load-and-rate-limits-commands.test.ts',
  'test/docs/distributed-commands.test.ts',
  // The engine's tests, the commands' and those serving their target: each several files three at a
  // time in one process.
  'test/engine-tests.test.ts',
  'test/cli-tests.test.ts',
  'test/server-tests.test.ts',
  'test/load/find-max.test.ts',
  'test/ratelimit/ratelimit-suite.test.ts',
  'test/docs/documented-commands.test.ts',
  'test/conformance/degraded-target.test.ts',
  'test/load/load-run.test.ts',
  // The tenant's HTTP tests, thirteen files one after the other in one process.
  'test/tenant-tests.test.ts',
];

const files = readdirSync('test', { recursive: true })
  .map((file) => `test/${file}`)
  .filter((file) => file.endsWith('.test.ts'))
  .sort();
const unknown = LONGEST_FIRST.filter((file) => !files.includes(file));
if (unknown.length > 0)
  throw new Error(`test/support/test-files.mjs lists files that do not exist: ${unknown.join(', ')}`);
process.stdout.write([...LONGEST_FIRST, ...files.filter((file) => !LONGEST_FIRST.includes(file))].join('\n'));
