import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

// Reads the repository's documentation as the docs tests need it: fenced code blocks (with the
// `<!-- doc-test: … -->` notes written just above them), relative links, and headings with the
// anchors GitHub gives them.

import { repoRoot as REPO_ROOT } from '../support/repo-root.ts';

export { REPO_ROOT };

/** README.md, then every page under docs/, as paths relative to the repository root. */
export function documentationPages(): string[] {
  const docs = readdirSync(path.join(REPO_ROOT, 'docs'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.md'))
    .map((f) => path.posix.join('docs', f.split(path.sep).join('/')))
    .sort();
  return ['README.md', ...docs];
}

export function readPage(page: string): string {
  return readFileSync(path.join(REPO_ROOT, page), 'utf8');
}

export interface CodeBlock {
  page: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** The fence's info string: `sh`, `json`, `yaml`, `text`, … ('' when none was given). */
  lang: string;
  body: string;
  /** The doc-test notes on the lines right above the fence, without the `doc-test:` prefix. */
  notes: string[];
}

const FENCE = /^(\s*)(`{3,}|~{3,})\s*([^\s`]*)/;
const NOTE = /^\s*<!--\s*doc-test:\s*(.*?)\s*-->\s*$/;

export function codeBlocks(page: string, text = readPage(page)): CodeBlock[] {
  const lines = text.split('\n');
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]);
    if (!open) continue;
    const [, , fence, lang] = open;
    const notes: string[] = [];
    for (let j = i - 1; j >= 0 && NOTE.test(lines[j]); j--) notes.unshift(NOTE.exec(lines[j])![1]);
    let end = i + 1;
    while (end < lines.length && !lines[end].trim().startsWith(fence)) end++;
    blocks.push({ page, line: i + 1, lang, body: lines.slice(i + 1, end).join('\n'), notes });
    i = end;
  }
  return blocks;
}

/** The page's lines, with fenced blocks blanked out (line numbers stay). */
function linesOutsideFences(text: string): string[] {
  let fence: string | undefined;
  return text.split('\n').map((line) => {
    const open = FENCE.exec(line);
    if (fence) {
      if (line.trim().startsWith(fence)) fence = undefined;
      return '';
    }
    if (open) {
      fence = open[2];
      return '';
    }
    return line;
  });
}

/** The text outside fenced blocks and inline code, where links live. */
export function prose(text: string): string {
  return linesOutsideFences(text)
    .map((line) => line.replace(/(`+)[^`]*?\1/g, ''))
    .join('\n');
}

export interface Link {
  page: string;
  line: number;
  target: string;
}

/** Inline links and images, `[text](target)`, outside code. */
export function links(page: string, text = readPage(page)): Link[] {
  const found: Link[] = [];
  prose(text)
    .split('\n')
    .forEach((line, i) => {
      for (const m of line.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g))
        found.push({ page, line: i + 1, target: m[1] });
    });
  return found;
}

/** The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens. */
export function headingAnchor(heading: string): string {
  return heading
    .trim()
    .replace(/`/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

export function headings(text: string): string[] {
  return linesOutsideFences(text)
    .map((line) => /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)?.[1])
    .filter((h): h is string => h !== undefined);
}

/** Every anchor of a page, numbered as GitHub numbers repeated headings (`-1`, `-2`, …). */
export function anchors(text: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const heading of headings(text)) {
    const base = headingAnchor(heading);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}
