import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { specFiles, TEST_DIR } from '../support/spec-files.ts';

// Spec files share one process (test/specs.test.ts), so none may start what outlives it or needs a
// process of its own: child processes, workers, servers, the CLI, a tenant, an engine run.
const FORBIDDEN = [
  /['"]node:child_process['"]/,
  /['"]node:worker_threads['"]/,
  /\.createServer\(/,
  /support\/run-cli\.ts/,
  /support\/local-tenant-for-suite\.ts/,
  /support\/start-prometheus\.ts/,
  /support\/oidc-provider/,
  /tenant\/start-tenant\.ts/,
  /engine\/run-test\.ts/,
];

/** What in a spec's source would make it unfit to share the process. */
export function unfitForSharedProcess(source: string): string[] {
  return FORBIDDEN.filter((pattern) => pattern.test(source)).map(String);
}

describe('specs that share one process', () => {
  it('the rule catches a spec that spawns or serves, and passes one that only computes', () => {
    assert.deepEqual(unfitForSharedProcess("import { spawn } from 'node:child_process';"), [String(FORBIDDEN[0])]);
    assert.deepEqual(unfitForSharedProcess("import { startTenant } from '../../tenant/start-tenant.ts';"), [
      String(FORBIDDEN[7]),
    ]);
    assert.deepEqual(unfitForSharedProcess("import assert from 'node:assert/strict';"), []);
  });

  it('no spec file spawns a process, a worker or a server', () => {
    // This file names the forbidden things in its rules and examples.
    const self = path.join('architecture', 'specs-in-one-process.spec.ts');
    const unfit = specFiles()
      .filter((file) => file !== self)
      .map((file) => ({ file, found: unfitForSharedProcess(readFileSync(path.join(TEST_DIR, file), 'utf8')) }))
      .filter((f) => f.found.length > 0)
      .map((f) => `${f.file}: ${f.found.join(', ')} (make it a *.test.ts of its own)`);
    assert.deepEqual(unfit, []);
  });
});
