// The tests that serve their target in the process (test/**/*.server-test.ts: a local tenant with
// faults, oidc-provider in its configurations) and run the CLI or the engine against it. A process per
// file loaded tsx, the test runner and the tenant's or the provider's modules again each time: the
// nine took 64.4 CPU-seconds so, 58.0 here, three files at a time, each file's tests one after the
// other. Nothing else may share it
// (test/architecture/specs-in-one-process.spec.ts).
import { sharedProcessSuite } from './support/shared-process-suite.ts';
import { serverTestFiles } from './support/spec-files.ts';

sharedProcessSuite('targets served in the process', serverTestFiles());
