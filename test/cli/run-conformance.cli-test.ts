import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli } from '../support/run-cli.ts';

describe('auth0-harness run conformance (the first slice, end to end)', () => {
  const out = mkdtempSync(path.join(os.tmpdir(), 'harness-out-'));
  after(() => rmSync(out, { recursive: true, force: true }));

  it('runs on the local tenant and the local engine, exits 0 and writes all four outputs', async () => {
    // The Allure HTML of a run is tested where its verdict is compared (one-verdict.cli-test.ts).
    const result = await runCli(['run', 'conformance', '--engine', 'local', '--out', out]);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stderr, /engine: auth0-harness local engine/);
    const summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8'));
    assert.equal(summary.ok, true);
    assert.equal(summary.suite, 'conformance');
    assert.equal(summary.engine, 'auth0-harness local engine');
    for (const id of [
      'token_response.schema',
      'access_token.signature.valid_against_jwks',
      'access_token.sub.is_client_id_at_clients',
      'token_error.wrong_secret.code.is_access_denied_or_invalid_client',
    ]) {
      for (const credential of ['client_secret_post', 'client_secret_basic']) {
        const row = summary.checks.find(
          (c: { id: string; credential: string }) => c.id === id && c.credential === credential,
        );
        assert.ok(row, `${id} [${credential}] should be in summary.json`);
        assert.equal(row.fails, 0);
        assert.ok(row.passes > 0);
      }
    }
    const token = summary.endpoints.find((e: { endpoint: string }) => e.endpoint === 'POST /oauth/token');
    assert.ok(token.requests >= 4);
    assert.ok(token.p95 > 0 && token.max >= token.p95);
    assert.ok(summary.matrix.some((m: { status: string }) => m.status === 'not_applicable'));
    assert.match(
      readFileSync(path.join(out, 'junit.xml'), 'utf8'),
      /<testcase classname="conformance.POST \/oauth\/token \[client_secret_basic\]" name="token_response.schema" time="\d+\.\d{3}"\/>/,
    );
    assert.ok(existsSync(path.join(out, 'allure-results', 'environment.properties')));
    assert.ok(readdirSync(path.join(out, 'allure-results')).some((f) => f.endsWith('-result.json')));
  });

  it('answers a bad target with exit 2 and one sentence naming the flag, no stack trace', async () => {
    const result = await runCli(['run', 'conformance', '--target', 'not a url', '--out', out]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--target: "not a url" is neither "local" nor a URL/);
    assert.doesNotMatch(result.stderr, /\n\s+at /);
  });

  it('refuses a load run against a non-local target without --i-have-permission', async () => {
    const result = await runCli(['run', 'load', '--target', 'https://tenant.example.auth0.com', '--out', out]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /written approval/);
  });
});
