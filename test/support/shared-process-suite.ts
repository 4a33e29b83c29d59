import path from 'node:path';
import { describe } from 'node:test';
import { pathToFileURL } from 'node:url';
import { TEST_DIR } from './spec-files.ts';

/**
 * One suite that runs `files` (test files under test/) in this process, three at a time: each file's
 * tests in a suite of its own and in their order, as they ran in a process of their own (some count
 * what a server they share saw).
 */
export function sharedProcessSuite(name: string, files: string[]): void {
  describe(name, { concurrency: 3 }, () => {
    for (const file of files)
      describe(file, { concurrency: 1 }, async () => {
        await import(pathToFileURL(path.join(TEST_DIR, file)).href);
      });
  });
}
