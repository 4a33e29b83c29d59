// The tests of commands as a user runs them (test/**/*.cli-test.ts) start the CLI in processes of
// their own (test/support/run-cli.ts) and read what it printed and wrote. A process per file loaded
// tsx and the test runner again each time; here they share one, three files at a time, since they
// mostly wait for the CLI. Each file's tests still run one after the other, as in a process of their
// own. Nothing else may share it (test/architecture/specs-in-one-process.spec.ts).
import { sharedProcessSuite } from './support/shared-process-suite.ts';
import { cliTestFiles } from './support/spec-files.ts';

sharedProcessSuite('commands as a user runs them', cliTestFiles());
