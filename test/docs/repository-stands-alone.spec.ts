import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { REPO_ROOT } from './markdown-blocks.ts';
import { repositoryFiles } from './repository-copy.ts';

// The repository must work and make sense wherever it is cloned: no file of it may lean on a path
// outside it. Three kinds of reference give such a dependency away:
// - an absolute path into a home or workspace folder (a checkout on the author's machine);
//   `/tmp/…` counts too outside test/, where only scratch files may use it;
// - a relative path that climbs above the repository's root from the file's own folder;
// - the reference material this project was built from, which sits beside the authors' checkouts
//   and not in the repository: the Auth0 contract notes (cite docs/auth0-api.md instead) and the
//   shared folder they came in (test/fixtures holds what tests need of it).

const SELF = path.relative(REPO_ROOT, fileURLToPath(import.meta.url));
const SKIPPED = new Set([SELF, 'package-lock.json']);

const HOME_OR_WORKSPACE = /(?<![\w.~$@/-])(?:\/(?:work|home|Users|root|mnt)\/|[A-Z]:\\Users\\)[^\s'"`)]*/g;
const SCRATCH = /(?<![\w.~$@/-])\/tmp\/[^\s'"`)]*/g;
const CLIMBING = /(?<![\w.@/-])(?:\.\.\/)+[\w@./-]*/g;
const BESIDE_THE_REPOSITORY = /\.\.\/shared\/[\w@./-]*|auth0-spec(?:\.md)?/g;

interface OutsideReference {
  file: string;
  line: number;
  text: string;
  why: string;
}

function outsideReferences(file: string, text: string): OutsideReference[] {
  const found: OutsideReference[] = [];
  const lineOf = (index: number) => text.slice(0, index).split('\n').length;
  const add = (m: RegExpMatchArray, why: string) => found.push({ file, line: lineOf(m.index!), text: m[0], why });
  for (const m of text.matchAll(HOME_OR_WORKSPACE)) add(m, 'an absolute path into a home or workspace folder');
  if (!file.startsWith('test/'))
    for (const m of text.matchAll(SCRATCH)) add(m, 'a fixed /tmp path (use os.tmpdir(), in tests only)');
  for (const m of text.matchAll(CLIMBING)) {
    const resolved = path.relative(REPO_ROOT, path.resolve(REPO_ROOT, path.dirname(file), m[0]));
    if (resolved.startsWith('..')) add(m, 'a relative path that climbs above the repository');
  }
  for (const m of text.matchAll(BESIDE_THE_REPOSITORY))
    add(m, 'reference material kept beside the repository, not in it');
  return found;
}

describe('the repository stands on its own', () => {
  it('the rules catch each kind of outside reference, and leave in-repository paths alone', () => {
    // Assembled from parts, so that this file holds no outside path of its own.
    const workspacePath = ['', 'work', 'shared', 'k6-reference'].join('/');
    const besidePath = ['..', 'shared', 'k6-reference', 'FACTS.md'].join('/');
    const text = [
      `const REFERENCE = '${workspacePath}';`,
      `// see ${besidePath}`,
      "ref: 'auth0-spec §4.2'",
      "import x from '../../../elsewhere/file.ts';",
      "const scratch = '/tmp/run-1';",
      "import { check } from '../check.ts';",
      'see https://example.com/home/page and docs/auth0-api.md §4.2',
    ].join('\n');
    const found = outsideReferences('checks/errors/example.ts', text).map((r) => `${r.line}: ${r.text}`);
    assert.deepEqual(found.sort(), [
      `1: ${workspacePath}`,
      `2: ${besidePath}`,
      '3: auth0-spec',
      '4: ../../../elsewhere/file.ts',
      '5: /tmp/run-1',
    ]);
    assert.deepEqual(outsideReferences('test/engine/example.test.ts', "const f = '/tmp/engine-1.txt';"), []);
  });

  it('no file of the repository refers to a path outside it', () => {
    const found: string[] = [];
    for (const file of repositoryFiles()) {
      if (SKIPPED.has(file)) continue;
      const text = readFileSync(path.join(REPO_ROOT, file), 'utf8');
      if (text.includes('\0')) continue;
      for (const r of outsideReferences(file, text)) found.push(`${r.file}:${r.line}: ${r.text} (${r.why})`);
    }
    assert.deepEqual(found, []);
  });
});
