import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { anchors, documentationPages, links, readPage, REPO_ROOT } from './markdown-blocks.ts';

// A relative link in README.md or docs/ must lead to a file of the repository (and to a heading of
// it, when it names one): a reader who cloned the repository anywhere can follow every link.

const EXTERNAL = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

function brokenLinks(page: string): string[] {
  const broken: string[] = [];
  for (const link of links(page)) {
    if (EXTERNAL.test(link.target)) continue;
    const [file, fragment] = link.target.split('#', 2) as [string, string | undefined];
    const where = `${page}:${link.line} → ${link.target}`;
    const resolved = file ? path.resolve(REPO_ROOT, path.dirname(page), decodeURI(file)) : path.join(REPO_ROOT, page);
    if (path.relative(REPO_ROOT, resolved).startsWith('..')) {
      broken.push(`${where}: leads outside the repository`);
      continue;
    }
    if (!existsSync(resolved)) {
      broken.push(`${where}: no such file in the repository`);
      continue;
    }
    if (fragment && resolved.endsWith('.md') && statSync(resolved).isFile()) {
      if (!anchors(readFileSync(resolved, 'utf8')).has(fragment))
        broken.push(`${where}: ${path.relative(REPO_ROOT, resolved)} has no heading with the anchor #${fragment}`);
    }
  }
  return broken;
}

describe('links in README.md and docs/', () => {
  for (const page of documentationPages()) {
    it(`every relative link of ${page} resolves to a file of the repository, and to a heading when it names one`, () => {
      assert.deepEqual(brokenLinks(page), []);
    });
  }

  it('README.md links every page under docs/', () => {
    const linked = new Set(
      links('README.md')
        .map((l) => l.target.split('#')[0])
        .filter((t) => t.startsWith('docs/')),
    );
    const unlinked = documentationPages().filter((p) => p.startsWith('docs/') && !linked.has(p));
    assert.deepEqual(unlinked, [], 'a page the README does not link is a page nobody finds');
  });

  it('the anchors of a page are the ones GitHub makes of its headings', () => {
    // Checked on this repository's own page, whose headings the code cites by number.
    const api = anchors(readPage('docs/auth0-api.md'));
    assert.ok(api.has('13-oauthtoken-grants'), [...api].slice(0, 12).join(', '));
    assert.ok(api.has('712-refill-semantics'));
  });
});
