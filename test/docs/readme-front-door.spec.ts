import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { shellCommands } from './documented-commands.ts';
import { codeBlocks, readPage, REPO_ROOT } from './markdown-blocks.ts';

// README.md is the front door: short enough to read in minutes, and it opens with the two commands a
// newcomer needs. Everything else lives under docs/.

const MAX_README_BYTES = 10_000;

describe('README.md', () => {
  it(`is at most ${MAX_README_BYTES} bytes`, () => {
    const size = statSync(path.join(REPO_ROOT, 'README.md')).size;
    assert.ok(size <= MAX_README_BYTES, `README.md is ${size} bytes; move detail into docs/`);
  });

  it('starts, right under its title, with npm install && npm start, then npm test', () => {
    const text = readPage('README.md');
    const first = codeBlocks('README.md', text)[0];
    const beforeBlock = text.split('\n').slice(0, first.line - 1);
    assert.deepEqual(
      beforeBlock.filter((l) => l.trim() !== ''),
      ['# auth0-harness'],
      'nothing but the title comes before the commands',
    );
    assert.equal(first.lang, 'sh');
    assert.deepEqual(
      shellCommands(first.body).map((c) => c.replace(/\s+#.*$/, '')),
      ['npm install && npm start', 'npm test'],
    );
  });
});
