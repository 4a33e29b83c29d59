// The local tenant's HTTP tests (test/**/*.tenant-test.ts) each start a tenant in this process, close
// it in their after(), and run here one after the other: a process per file loaded tsx, fastify and
// the tenant's modules again each time, some 2 CPU-seconds a file (50 CPU-s for the thirteen, 23
// together, measured). Nothing else may share the process (test/architecture/specs-in-one-process.spec.ts).
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TEST_DIR, tenantTestFiles } from './support/spec-files.ts';

for (const file of tenantTestFiles()) await import(pathToFileURL(path.join(TEST_DIR, file)).href);
