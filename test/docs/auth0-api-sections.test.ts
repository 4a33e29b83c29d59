import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { headings, readPage, REPO_ROOT } from './markdown-blocks.ts';
import { repositoryFiles } from './repository-copy.ts';

// Checks, flows and the local tenant cite docs/auth0-api.md by section number (`docs/auth0-api.md
// §7.12`, `§8 item 4`). The numbers are a contract: every section that may be cited has a heading
// that starts with its number, and every citation in the repository names one that exists.

const PAGE = 'docs/auth0-api.md';

const range = (prefix: string, last: number) => Array.from({ length: last }, (_, i) => `${prefix}.${i + 1}`);
const CITABLE = [
  '0',
  '1',
  ...range('1', 3),
  '2',
  ...range('2', 5),
  '3',
  ...range('3', 9),
  '3.7b',
  '4',
  ...range('4', 6),
  '5',
  '6',
  '7',
  ...range('7', 17),
  '8',
  ...range('8', 20),
];

function sectionNumbers(): Set<string> {
  return new Set(
    headings(readPage(PAGE))
      .map((h) => /^(\d+(?:\.\d+[a-z]?)?)\s/.exec(h)?.[1])
      .filter((n): n is string => n !== undefined),
  );
}

/** The sections a text cites after naming the page: `§4.2`, `§3.3, §7.4`, `§8 item 4`, `§8 items 5, 8`. */
function citedSections(text: string): string[] {
  const cited: string[] = [];
  for (const m of text.matchAll(/auth0-api\.md([^'"`\n;]*)/g)) {
    for (const ref of m[1].matchAll(/§\s?(\d+(?:\.\d+[a-z]?)?)(?:\s+items?\s+(\d+(?:(?:,\s*|\s*-\s*)\d+)*))?/g)) {
      const [, section, items] = ref;
      if (!items) cited.push(section);
      else
        for (const part of items.split(/,\s*/)) {
          const [from, to = from] = part.split(/\s*-\s*/).map(Number);
          for (let item = from; item <= to; item++) cited.push(`${section}.${item}`);
        }
    }
  }
  return cited;
}

describe(PAGE, () => {
  it('has a heading, starting with its number, for every section the code may cite', () => {
    const present = sectionNumbers();
    assert.deepEqual(
      CITABLE.filter((n) => !present.has(n)),
      [],
    );
  });

  it('reads the citation forms the code uses', () => {
    assert.deepEqual(citedSections("ref: 'docs/auth0-api.md §3.3, §8 item 4'"), ['3.3', '8.4']);
    assert.deepEqual(citedSections('// docs/auth0-api.md §4.1: limits may be stacked'), ['4.1']);
    assert.deepEqual(citedSections('(docs/auth0-api.md §8 items 5, 8)'), ['8.5', '8.8']);
    assert.deepEqual(citedSections('(docs/auth0-api.md §3.3, §8 items 7-9)'), ['3.3', '8.7', '8.8', '8.9']);
  });

  it('every citation of it in the repository names a section that exists', () => {
    const present = sectionNumbers();
    const dangling: string[] = [];
    for (const file of repositoryFiles()) {
      if (file.endsWith('.test.ts') && file.startsWith('test/docs/')) continue;
      const text = readFileSync(path.join(REPO_ROOT, file), 'utf8');
      if (text.includes('\0')) continue;
      for (const section of citedSections(text)) if (!present.has(section)) dangling.push(`${file}: §${section}`);
    }
    assert.deepEqual(dangling, []);
  });
});
