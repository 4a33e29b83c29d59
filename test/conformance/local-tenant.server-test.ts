import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildBundles } from '../../build.mjs';
import { CONFORMANCE_MATRIX } from '../../lib/k6-and-node/conformance-matrix.ts';
import { CREDENTIAL_METHODS } from '../../lib/k6-and-node/credential-methods.ts';
import type { RunSummary } from '../../reports/run-summary.ts';
import { startTenant } from '../../tenant/start-tenant.ts';
import { runConformanceBundle } from '../support/run-conformance-bundle.ts';
import { repoRoot } from '../support/run-cli.ts';

describe('the auth0 profile against the local tenant', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'harness-local-'));
  let summary: RunSummary;
  before(async () => {
    await buildBundles({
      entryPoints: [path.join(repoRoot, 'scenarios', 'conformance.ts')],
      outdir: path.join(repoRoot, 'dist'),
      logLevel: 'silent',
    });
    const tenant = await startTenant();
    try {
      summary = await runConformanceBundle(tenant.harnessConfig(), dir);
    } finally {
      await tenant.close();
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('is green: every failure-severity check passed', () => {
    const failed = summary.checks.filter((c) => c.severity === 'failure' && c.fails > 0);
    assert.deepEqual(
      failed.map((c) => `${c.id} ${c.endpoint} [${c.credential}]: ${c.message}`),
      [],
    );
    assert.equal(summary.ok, true);
  });

  it('reports every matrix cell of the profile: run and passed, n/a with its reason, or skipped saying why', () => {
    const rows = CONFORMANCE_MATRIX.filter((r) => r.profiles.includes('auth0'));
    assert.equal(summary.matrix.length, rows.length * CREDENTIAL_METHODS.length);
    for (const cell of summary.matrix) {
      assert.notEqual(cell.status, 'failed', `${cell.endpoint} [${cell.credential}]`);
      if (cell.status !== 'passed')
        assert.ok(
          cell.reason && !cell.reason.startsWith('no check ran'),
          `${cell.endpoint} [${cell.credential}] has no specific reason`,
        );
    }
  });

  it('passes every documented endpoint it can reach: at least 35 distinct ones, the legacy and federation ones among them', () => {
    const passed = new Set(summary.matrix.filter((m) => m.status === 'passed').map((m) => m.endpoint));
    assert.ok(passed.size >= 35, `only ${passed.size} endpoints passed: ${[...passed].join(', ')}`);
    for (const endpoint of [
      'POST /userinfo',
      'DELETE /mfa/authenticators/{id}',
      'GET /.well-known/oauth-authorization-server',
      'GET /samlp/{client_id}',
      'POST /samlp/{client_id}/logout',
      'GET /wsfed/{client_id}',
      'POST /login/callback',
      'GET /user/ssodata',
      'POST /co/authenticate',
      'POST /passwordless/verify',
      'POST /otp/challenge',
      'POST /oauth/global-token-revocation/connection/{connection_name}',
      'POST /oauth/ro',
      'POST /oauth/access_token',
      'POST /delegation',
      'POST /tokeninfo',
      'POST /login/unlink',
      'POST /users/{user_id}/impersonate',
    ])
      assert.ok(passed.has(endpoint), `${endpoint} should have passed`);
    const ids = new Set(summary.checks.filter((c) => c.passes > 0 && c.fails === 0).map((c) => c.id));
    for (const id of [
      'userinfo.sub.equals_id_token_sub',
      'ratelimit.headers.present',
      'access_token.signing_key.is_for_signatures',
      'saml_response.signature.valid_against_metadata_certificate',
      'wsfed_response.signature.valid_against_metadata_certificate',
      'legacy.oauth_ro.schema',
    ])
      assert.ok(ids.has(id), `${id} should have run and passed`);
  });

  it('runs the token endpoint with every client credential method the tenant offers', () => {
    for (const credential of [
      'none',
      'client_secret_post',
      'client_secret_basic',
      'private_key_jwt',
      'tls_client_auth',
    ]) {
      const cell = summary.matrix.find((m) => m.endpoint === 'POST /oauth/token' && m.credential === credential);
      assert.equal(cell?.status, 'passed', `POST /oauth/token [${credential}]`);
    }
    const ids = new Set(summary.checks.filter((c) => c.passes > 0).map((c) => c.id));
    for (const id of [
      'token_error.invalid_client_assertion.code.is_invalid_client',
      'token_error.assertion_iat_in_future.code.is_invalid_client_or_access_denied',
      'token_error.assertion_iat_in_milliseconds.code.is_invalid_client_or_access_denied',
      'token_error.assertion_lifetime_over_5_minutes.code.is_invalid_client_or_access_denied',
      'token_error.assertion_jti_reused.code.is_invalid_client_or_access_denied',
      'token_error.assertion_aud_not_issuer.code.is_invalid_client_or_access_denied',
      'token_error.wrong_password.description',
      'token_error.mfa_required.carries_mfa_token',
      'token_error.wrong_otp.code.is_invalid_grant',
      'id_token.signature.valid_against_jwks',
      'access_token.gty.matches_grant',
      'token_error.reused_refresh_token.code.is_invalid_grant',
    ])
      assert.ok(ids.has(id), `${id} should have run and passed`);
  });

  it('drives the browser flows, logout, CIBA and the MFA API through the tenant', () => {
    const passed = (endpoint: string, credential: string) =>
      summary.matrix.find((m) => m.endpoint === endpoint && m.credential === credential)?.status === 'passed';
    for (const [endpoint, credential] of [
      ['GET /authorize', 'none'],
      ['GET /v2/logout', 'none'],
      ['GET /oidc/logout', 'none'],
      ['POST /bc-authorize', 'client_secret_post'],
      ['POST /mfa/challenge', 'client_secret_post'],
      ['POST /mfa/associate', 'bearer'],
      ['GET /mfa/authenticators', 'bearer'],
    ])
      assert.ok(passed(endpoint, credential), `${endpoint} [${credential}]`);
    const ids = new Set(summary.checks.filter((c) => c.passes > 0 && c.fails === 0).map((c) => c.id));
    for (const id of [
      'id_token.nonce.echoed',
      'id_token.at_hash.matches_access_token',
      'id_token.c_hash.matches_code',
      'id_token.auth_time.present_when_max_age',
      'token_error.bad_code_verifier.description',
      'token_error.invalid_code.description',
      'token_error.ciba_slow_down.code.is_slow_down',
      'logout.unlisted_return_to.not_redirected',
      'redirect.params.state_echoed',
    ]) {
      assert.ok(ids.has(id), `${id} should have run and passed`);
    }
  });
});
