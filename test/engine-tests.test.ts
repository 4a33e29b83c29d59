// The engine's tests (test/**/*.engine-test.ts) run k6 scripts on the engine, each in a process of
// its own (test/engine/run-script.ts), against loopback servers they start here. A process per file
// loaded tsx and the test runner again each time, some 0.75 CPU-seconds a file; here they share
// one, three files at a time, since they mostly wait for their engine processes; each file's tests
// still run one after the other, as they did in a process of their own (some count what a server they
// share saw). Nothing else may share it (test/architecture/specs-in-one-process.spec.ts).
import path from 'node:path';
import { describe } from 'node:test';
import { pathToFileURL } from 'node:url';
import { engineTestFiles, TEST_DIR } from './support/spec-files.ts';

describe('the local engine', { concurrency: 3 }, () => {
  for (const file of engineTestFiles())
    describe(file, { concurrency: 1 }, async () => {
      await import(pathToFileURL(path.join(TEST_DIR, file)).href);
    });
});
