import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Severity } from '../checks/check.ts';
import { checkCatalogue } from '../checks/catalogue.ts';

// Every check of the catalogue with the file that defines it: the one whose source holds the id as a
// string literal. Every id is written out where its rule is declared, under checks/ or, for a check a
// flow declares itself, under lib/ (checks/ wins: lib/ may also name an id to pick a check out of a set).

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const SOURCE_FOLDERS = ['checks', 'lib'];

function sourceFiles(root: string, folder: string): string[] {
  return readdirSync(path.join(root, folder), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.endsWith('.d.ts'))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

// A string literal in code; a comment's `id` in backticks is a mention, not a definition.
const quoted = (id: string): string[] => [`'${id}'`, `"${id}"`];

/**
 * For each id, the files (relative to `root`, with forward slashes) that hold it as a string literal:
 * those under checks/, or else those under lib/. Exactly one for a well-defined check.
 */
export function checkSourceFiles(ids: Iterable<string>, root = REPO_ROOT): Map<string, string[]> {
  const folders = SOURCE_FOLDERS.map((folder) =>
    sourceFiles(root, folder).map((file) => ({ file, text: readFileSync(path.join(root, file), 'utf8') })),
  );
  const found = new Map<string, string[]>();
  for (const id of ids) {
    const literals = quoted(id);
    const holding = folders
      .map((files) => files.filter(({ text }) => literals.some((l) => text.includes(l))).map(({ file }) => file))
      .find((files) => files.length > 0);
    found.set(id, holding ?? []);
  }
  return found;
}

export interface ListedCheck {
  id: string;
  severity: Severity;
  /** An https link to the rule's source. */
  ref: string;
  title: string;
  /** The file that defines the check, relative to the repository root; null if none holds its id. */
  source: string | null;
}

/** The catalogue, sorted by id, each check with its defining file. */
export function checkListing(): ListedCheck[] {
  const sources = checkSourceFiles(checkCatalogue.keys());
  return [...checkCatalogue.values()]
    .map((c) => ({
      id: c.id,
      severity: c.severity,
      ref: c.ref,
      title: c.title,
      source: sources.get(c.id)?.[0] ?? null,
    }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
