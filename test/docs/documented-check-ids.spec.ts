import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkCatalogue } from '../../checks/catalogue.ts';
import { documentationPages, readPage } from './markdown-blocks.ts';

// A check id written in the docs (a rules table, an expected-failures example) must be one a run can
// report: ids are what reports, expected-failure files and baselines key on, so a renamed id must not
// live on in the docs.

const ID_PREFIXES = [...new Set([...checkCatalogue.keys()].map((id) => id.split('.')[0]))];

function idsWritten(text: string): string[] {
  const ids: string[] = [];
  for (const m of text.matchAll(/[`"]([a-z0-9_]+(?:\.[a-z0-9_]+){2,})[`"]/g))
    if (ID_PREFIXES.includes(m[1].split('.')[0])) ids.push(m[1]);
  return ids;
}

describe('check ids in README.md and docs/', () => {
  it('reads an id in code or in a JSON string, and only ids of a known family', () => {
    assert.deepEqual(idsWritten('| `ratelimit.headers.present` | "token_error.x.y" | `jose.version.x` |'), [
      'ratelimit.headers.present',
      'token_error.x.y',
    ]);
  });

  for (const page of documentationPages().filter((p) => p !== 'docs/checks.md')) {
    it(`every check id ${page} names is in the check catalogue`, () => {
      assert.deepEqual(
        idsWritten(readPage(page)).filter((id) => !checkCatalogue.has(id)),
        [],
      );
    });
  }
});
