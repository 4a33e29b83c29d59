// The unit specifications (test/**/*.spec.ts) need no process, port or server of their own, so they
// all run in this one process: a process per file cost some 1.3 CPU-seconds each (tsx and the module
// graph), more than a minute of npm test's budget on two cores. Tests that start tenants, engines or
// the CLI stay *.test.ts, one process each (test/architecture/specs-in-one-process.spec.ts keeps
// the line).
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { specFiles, TEST_DIR } from './support/spec-files.ts';

for (const file of specFiles()) await import(pathToFileURL(path.join(TEST_DIR, file)).href);
