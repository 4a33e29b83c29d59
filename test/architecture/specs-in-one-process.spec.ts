import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import {
  cliTestFiles,
  engineTestFiles,
  serverTestFiles,
  specFiles,
  TEST_DIR,
  tenantTestFiles,
} from '../support/spec-files.ts';

// Spec files share one process (test/specs.test.ts), so none may start what outlives it or needs a
// process of its own: child processes, workers, servers, the CLI, a tenant, an engine run. The tenant's
// HTTP tests share another (test/tenant-tests.test.ts): each may start local tenants in the process,
// and closes them, but nothing else on the list. The engine's tests share a third
// (test/engine-tests.test.ts): each may serve on loopback and run scripts on the engine through
// test/engine/run-script.ts, which starts the engine's own process, but nothing else on the list. The
// tests of commands share a fourth (test/cli-tests.test.ts): each may start the CLI and other
// processes, and serve on loopback, but start no tenant, provider or Prometheus in the process. The
// tests that serve their target share a fifth (test/server-tests.test.ts): as those of commands, and
// they may start tenants and oidc-provider in the process too, but no Prometheus and no worker.
const START_TENANT = /tenant\/start-tenant\.ts/;
const SERVE = /\.createServer\(/;
const SPAWN = /['"]node:child_process['"]/;
const RUN_CLI = /support\/run-cli\.ts/;
const OIDC_PROVIDER = /support\/oidc-provider/;
const FORBIDDEN = [
  SPAWN,
  /['"]node:worker_threads['"]/,
  SERVE,
  RUN_CLI,
  /support\/local-tenant-for-suite\.ts/,
  /support\/start-prometheus\.ts/,
  OIDC_PROVIDER,
  START_TENANT,
  /engine\/run-test\.ts/,
];

/** What in a spec's source would make it unfit to share the process (`allowed`: what its process permits). */
export function unfitForSharedProcess(source: string, allowed: RegExp[] = []): string[] {
  return FORBIDDEN.filter((pattern) => !allowed.includes(pattern) && pattern.test(source)).map(String);
}

/** The files of `files` whose source is unfit for their shared process, with what makes them so. */
function unfitFiles(files: string[], allowed: RegExp[] = []): string[] {
  return files
    .map((file) => ({ file, found: unfitForSharedProcess(readFileSync(path.join(TEST_DIR, file), 'utf8'), allowed) }))
    .filter((f) => f.found.length > 0)
    .map((f) => `${f.file}: ${f.found.join(', ')} (make it a *.test.ts of its own)`);
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
    assert.deepEqual(unfitFiles(specFiles().filter((file) => file !== self)), []);
  });

  it("a tenant's HTTP test may start tenants, and nothing else a spec may not", () => {
    assert.deepEqual(
      unfitForSharedProcess("import { startTenant } from '../../tenant/start-tenant.ts';", [START_TENANT]),
      [],
    );
    assert.deepEqual(unfitForSharedProcess("import { runCli } from '../support/run-cli.ts';", [START_TENANT]), [
      String(FORBIDDEN[3]),
    ]);
    assert.ok(tenantTestFiles().length > 0, 'no *.tenant-test.ts found');
    assert.deepEqual(unfitFiles(tenantTestFiles(), [START_TENANT]), []);
  });

  it('an engine test may serve on loopback, and nothing else a spec may not', () => {
    assert.deepEqual(unfitForSharedProcess('const server = http.createServer(handler);', [SERVE]), []);
    assert.deepEqual(unfitForSharedProcess("import { startTenant } from '../../tenant/start-tenant.ts';", [SERVE]), [
      String(START_TENANT),
    ]);
    assert.ok(engineTestFiles().length > 0, 'no *.engine-test.ts found');
    assert.deepEqual(unfitFiles(engineTestFiles(), [SERVE]), []);
  });

  it('a test of commands may start the CLI and other processes and serve, and start nothing in the process', () => {
    const allowed = [SPAWN, SERVE, RUN_CLI];
    assert.deepEqual(unfitForSharedProcess("import { runCli } from '../support/run-cli.ts';", allowed), []);
    assert.deepEqual(unfitForSharedProcess("import { startTenant } from '../../tenant/start-tenant.ts';", allowed), [
      String(START_TENANT),
    ]);
    assert.ok(cliTestFiles().length > 0, 'no *.cli-test.ts found');
    assert.deepEqual(unfitFiles(cliTestFiles(), allowed), []);
  });

  it('a test that serves its target may also start tenants and oidc-provider, but no Prometheus', () => {
    const allowed = [SPAWN, SERVE, RUN_CLI, START_TENANT, OIDC_PROVIDER];
    assert.deepEqual(unfitForSharedProcess("import { startTenant } from '../../tenant/start-tenant.ts';", allowed), []);
    assert.deepEqual(
      unfitForSharedProcess("import { startPrometheus } from '../support/start-prometheus.ts';", allowed),
      [String(FORBIDDEN[5])],
    );
    assert.ok(serverTestFiles().length > 0, 'no *.server-test.ts found');
    assert.deepEqual(unfitFiles(serverTestFiles(), allowed), []);
  });
});
