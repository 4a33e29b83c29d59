// The engine's tests (test/**/*.engine-test.ts) run k6 scripts on the engine, each in a process of
// its own (test/engine/run-script.ts), against loopback servers they start here. A process per file
// loaded tsx and the test runner again each time, some 1.1 CPU-seconds a file; here they share one,
// three files at a time, since they mostly wait for their engine processes. Nothing else may share it
// (test/architecture/specs-in-one-process.spec.ts).
import { sharedProcessSuite } from './support/shared-process-suite.ts';
import { engineTestFiles } from './support/spec-files.ts';

sharedProcessSuite('the local engine', engineTestFiles());
