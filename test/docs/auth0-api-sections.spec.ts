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

// After the page's name: a list of section references (`§4.2`, `§3.3, §7.4`, `§3.2–3.5`, `§8 item 4`,
// `§8 items 5, 8`), each perhaps followed by a note in parentheses. The list ends at the first other word.
const REFERENCE = String.raw`§\s?\d+(?:\.\d+[a-z]?)?(?:\s*[–-]\s*\d+(?:\.\d+)?)?(?:\s+items?\s+\d+(?:(?:,\s*|\s*[–-]\s*)\d+)*)?(?:\s*\([^)]*\))?`;
const CITATION = new RegExp(String.raw`auth0-api\.md((?:[\s,]*(?:and\s+)?${REFERENCE})+)`, 'g');
const ONE_REFERENCE =
  /§\s?(\d+)(?:\.(\d+)([a-z]?))?(?:\s*[–-]\s*(?:\d+\.)?(\d+))?(?:\s+items?\s+(\d+(?:(?:,\s*|\s*[–-]\s*)\d+)*))?/g;

const numbersIn = (list: string): number[] =>
  list.split(/,\s*/).flatMap((part) => {
    const [from, to = from] = part.split(/\s*[–-]\s*/).map(Number);
    return Array.from({ length: to - from + 1 }, (_, i) => from + i);
  });

/** The sections a text cites after naming the page. */
function citedSections(text: string): string[] {
  const cited: string[] = [];
  for (const [, list] of text.matchAll(CITATION)) {
    for (const [, major, minor, letter, rangeEnd, items] of list.matchAll(ONE_REFERENCE)) {
      if (items) for (const n of numbersIn(items)) cited.push(`${major}.${n}`);
      else if (minor && rangeEnd) for (const n of numbersIn(`${minor}-${rangeEnd}`)) cited.push(`${major}.${n}`);
      else cited.push(minor ? `${major}.${minor}${letter}` : major);
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
    assert.deepEqual(citedSections('(docs/auth0-api.md §3.2–3.4), tolerant'), ['3.2', '3.3', '3.4']);
    assert.deepEqual(citedSections('docs/auth0-api.md §3.5 (/bc-authorize validation), §3.7b.'), ['3.5', '3.7b']);
    assert.deepEqual(citedSections('(docs/auth0-api.md §2.4). Standard JWKS need neither (RFC 7517 §4.7)'), ['2.4']);
  });

  it('every citation of it in the repository names a section that exists', () => {
    const present = sectionNumbers();
    const dangling: string[] = [];
    for (const file of repositoryFiles()) {
      if (/\.(test|spec)\.ts$/.test(file) && file.startsWith('test/docs/')) continue;
      const text = readFileSync(path.join(REPO_ROOT, file), 'utf8');
      if (text.includes('\0')) continue;
      for (const section of citedSections(text)) if (!present.has(section)) dangling.push(`${file}: §${section}`);
    }
    assert.deepEqual(dangling, []);
  });
});
