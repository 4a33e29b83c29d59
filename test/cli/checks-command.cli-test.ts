import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { checkCatalogue } from '../../checks/catalogue.ts';
import { checkListing, checkSourceFiles } from '../../cli/check-listing.ts';
import { checksMarkdown, referenceLabel } from '../../cli/checks-markdown.ts';
import { spawn } from 'node:child_process';
import { harnessBin, repoRoot, runCli } from '../support/run-cli.ts';

describe('auth0-harness checks', () => {
  it('ends quietly with its exit status when the reader closes the pipe (`| head`)', async () => {
    const child = spawn(process.execPath, [harnessBin, 'checks'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    // As `| head -c 0` does: the reader is gone before the CLI writes.
    child.stdout.destroy();
    const code = await new Promise((resolve) => child.on('close', resolve));
    assert.equal(code, 0, stderr);
    assert.equal(stderr, '');
  });

  it('lists every check with its severity, reference, title and the file that defines it (--json)', async () => {
    const result = await runCli(['checks', '--json']);
    assert.equal(result.code, 0, result.stderr);
    const { checks } = JSON.parse(result.stdout) as {
      checks: { id: string; severity: string; ref: string; title: string; source: string }[];
    };
    assert.deepEqual(
      checks.map((c) => c.id),
      [...checkCatalogue.keys()].sort(),
    );
    const wrongSecret = checks.find((c) => c.id === 'token_error.wrong_secret.code.is_access_denied_or_invalid_client');
    assert.deepEqual(wrongSecret, {
      id: 'token_error.wrong_secret.code.is_access_denied_or_invalid_client',
      severity: 'failure',
      ref: 'https://auth0.com/docs/api/authentication#client-id-and-client-secret',
      title: 'The error code is access_denied or invalid_client.',
      source: 'checks/errors/token-errors.ts',
    });
    for (const c of checks)
      assert.ok(readFileSync(path.join(repoRoot, c.source), 'utf8').includes(`'${c.id}'`), `${c.id} in ${c.source}`);
  });

  it('lists only the ids that contain the filter, in text a terminal reader can scan', async () => {
    const result = await runCli(['checks', 'ratelimit.429']);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(
      result.stdout
        .split('\n')
        .filter((line) => /^\S/.test(line))
        .map((line) => line.split(/\s+/)[0]),
      ['ratelimit.429.documented_body', 'ratelimit.429.remaining_is_zero'],
    );
    assert.match(
      result.stdout,
      /ratelimit\.429\.remaining_is_zero +failure +checks\/ratelimit\/rejection-response\.ts\n/,
    );
    assert.match(result.stdout, /\n {4}Every 429 carries X-RateLimit-Remaining: 0\.\n {4}https:\/\/auth0\.com\/docs\//);
  });

  it('says in one sentence, exit 2, when no id contains the filter or --json meets --markdown', async () => {
    const none = await runCli(['checks', 'no_such_check']);
    assert.equal(none.code, 2);
    assert.equal(
      none.stderr,
      'error: No check id contains "no_such_check"; run `auth0-harness checks` without a filter to list them all.\n',
    );
    const both = await runCli(['checks', '--json', '--markdown']);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /^error: option '--json' cannot be used with option '--markdown'/);
  });

  it('has docs/checks.md exactly as `auth0-harness checks --markdown` writes it', () => {
    const page = checksMarkdown(checkListing());
    assert.equal(
      readFileSync(path.join(repoRoot, 'docs', 'checks.md'), 'utf8'),
      page,
      'docs/checks.md is stale: regenerate it with `auth0-harness checks --markdown > docs/checks.md`',
    );
    for (const id of checkCatalogue.keys()) assert.ok(page.includes(`| \`${id}\` |`), `${id} is on the page`);
  });

  it('names references by their source: RFC section, OpenID anchor, Auth0 page', () => {
    assert.equal(referenceLabel('https://www.rfc-editor.org/rfc/rfc6749#section-5.2'), 'RFC 6749 §5.2');
    assert.equal(
      referenceLabel('https://openid.net/specs/openid-connect-core-1_0.html#IDTokenValidation'),
      'OpenID Connect Core #IDTokenValidation',
    );
    assert.equal(
      referenceLabel('https://auth0.com/docs/api/authentication/refresh-token/refresh-token'),
      'Auth0 Authentication API: refresh token / refresh token',
    );
    assert.equal(
      referenceLabel('https://auth0.com/docs/secure/tokens/access-tokens/access-token-profiles'),
      'Auth0 docs: access token profiles',
    );
  });
});

describe('finding the file that defines a check', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'check-sources-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  };
  write('checks/http/status.ts', "statusCheck('a.status.is_200', ref);\n// mentions `b.rule` in a comment\n");
  write('checks/sets/built.ts', 'const id = `${kind}.built`;\n');
  write('checks/sets/twice.ts', "defineCheck({ id: 'c.twice' });\n");
  write('checks/sets/again.ts', 'defineCheck({ id: "c.twice" });\n');
  write(
    'lib/conformance/flow.ts',
    "statusCheck('d.flow.status.is_200', ref);\nfilter((c) => c.id !== 'a.status.is_200');\n",
  );
  write('lib/conformance/flow.test.ts', "'e.only_in_a_test'\n");

  it('is the checks/ file holding the id as a string literal, or a lib/ file when no checks/ file does', () => {
    const found = checkSourceFiles(
      ['a.status.is_200', 'b.rule', 'kind.built', 'c.twice', 'd.flow.status.is_200', 'e.only_in_a_test'],
      root,
    );
    assert.deepEqual(Object.fromEntries(found), {
      'a.status.is_200': ['checks/http/status.ts'],
      'b.rule': [],
      'kind.built': [],
      'c.twice': ['checks/sets/again.ts', 'checks/sets/twice.ts'],
      'd.flow.status.is_200': ['lib/conformance/flow.ts'],
      'e.only_in_a_test': [],
    });
  });
});
