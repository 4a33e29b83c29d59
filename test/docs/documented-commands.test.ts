import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { it } from 'node:test';
import { documentedCommandsOf, pagesAfterReadme, PAGES_ON_THEIR_OWN, plansOf } from './documented-commands-suite.ts';
import { documentationPages, REPO_ROOT } from './markdown-blocks.ts';

// README's commands and those of the guides that start where README leaves the reader; the other
// pages have test files of their own (documented-commands-suite.ts, PAGES_ON_THEIR_OWN).

it('every shell block is marked sh and every doc-test note is one the test knows', () => {
  const problems = documentationPages().flatMap((page) => plansOf(page).flatMap((p) => p.problems));
  assert.deepEqual(problems, []);
});

it('each page run on its own has its test file, so that none of its commands goes unrun', () => {
  const missing = PAGES_ON_THEIR_OWN.map((page) => `test/docs/${path.basename(page, '.md')}-commands.test.ts`).filter(
    (file) => !existsSync(path.join(REPO_ROOT, file)),
  );
  assert.deepEqual(missing, []);
});

documentedCommandsOf(pagesAfterReadme());
