import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkCatalogue, duplicateCheckIds } from '../../checks/catalogue.ts';
import { checkSourceFiles } from '../../cli/check-listing.ts';
import { fixturesFor } from './check-fixtures.ts';

// Where a check's reference may point: the standards' own pages and Auth0's documentation.
// grafana.com: k6's documentation, for the harness's own checks about a run (no response, a flow that threw).
const REFERENCE_HOSTS = ['www.rfc-editor.org', 'openid.net', 'docs.oasis-open.org', 'auth0.com', 'grafana.com'];

/** Why a reference is not a link a reader can open to the rule's source, or undefined when it is. */
function referenceProblem(ref: string): string | undefined {
  let url: URL;
  try {
    url = new URL(ref);
  } catch {
    return 'not a URL';
  }
  if (url.protocol !== 'https:') return 'not https';
  if (!REFERENCE_HOSTS.includes(url.hostname))
    return `host ${url.hostname} is not one of ${REFERENCE_HOSTS.join(', ')}`;
  if (url.hostname === 'www.rfc-editor.org' && !/^\/rfc\/rfc\d+$/.test(url.pathname)) return 'not an RFC';
  if ((url.hostname === 'www.rfc-editor.org' || url.hostname === 'openid.net') && !url.hash) return 'names no section';
  if (url.hostname === 'auth0.com' && !url.pathname.startsWith('/docs/')) return 'not an Auth0 docs page';
  return undefined;
}

describe('check catalogue', () => {
  it('gives every check a dotted lower-case id, a reference, a severity and a title', () => {
    assert.ok(checkCatalogue.size > 100);
    for (const [id, check] of checkCatalogue) {
      assert.match(id, /^[a-z0-9_]+(\.[a-z0-9_#]+)+$/, `bad id ${id}`);
      assert.ok(check.ref.length > 0, `${id} has no reference`);
      assert.ok(check.severity === 'failure' || check.severity === 'warning');
      assert.ok(check.title.endsWith('.'), `${id}'s title should be a sentence`);
    }
  });

  it("gives every check a reference a reader can open: an RFC or OpenID section, an OASIS standard, an Auth0 docs page, or the k6 docs for the harness' own checks", () => {
    const bad = [...checkCatalogue.values()]
      .map((c) => ({ id: c.id, ref: c.ref, problem: referenceProblem(c.ref) }))
      .filter((c) => c.problem);
    assert.deepEqual(bad, []);
  });

  it('writes every id out, in quotes, in exactly one source file under checks/ (or lib/, for a check a flow defines)', () => {
    const sources = checkSourceFiles(checkCatalogue.keys());
    const notOnce = [...sources].filter(([, files]) => files.length !== 1).map(([id, files]) => ({ id, files }));
    assert.deepEqual(notOnce, [], 'ids found in no file are built at run time; ids in several files, defined twice');
  });

  it('never gives one id to two distinct checks', () => {
    assert.deepEqual(duplicateCheckIds(), []);
  });

  it('has, for every check, a fixture it passes and a broken one it fails, with a message saying why', async () => {
    const missing: string[] = [];
    for (const [id, check] of checkCatalogue) {
      const fixtures = fixturesFor(id);
      if (!fixtures || fixtures.good.length === 0 || fixtures.bad.length === 0) {
        missing.push(id);
        continue;
      }
      for (const [i, input] of fixtures.good.entries()) {
        const outcome = await check.run(input as never);
        assert.equal(outcome.ok, true, `${id} should pass good fixture #${i}: ${outcome.message}`);
      }
      for (const [i, input] of fixtures.bad.entries()) {
        const outcome = await check.run(input as never);
        assert.equal(outcome.ok, false, `${id} should fail broken fixture #${i}`);
        assert.notEqual(
          outcome.notRun,
          true,
          `${id} should judge broken fixture #${i}, not skip it: ${outcome.message}`,
        );
        assert.ok((outcome.message ?? '').length > 0, `${id} should say why it failed broken fixture #${i}`);
      }
    }
    assert.deepEqual(missing, [], 'checks without a passing and a failing fixture');
  });
});
