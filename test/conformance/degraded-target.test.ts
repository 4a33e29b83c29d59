import assert from 'node:assert/strict';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { buildBundles } from '../../build.mjs';
import type { HarnessConfigInput } from '../../lib/k6-and-node/harness-config.ts';
import type { Finding } from '../../lib/k6-and-node/result-protocol.ts';
import { readRawResults } from '../../reports/raw-results.ts';
import type { RunSummary } from '../../reports/run-summary.ts';
import type { DeviationName } from '../../tenant/faults/deviations.ts';
import { localTenantForSuite } from '../support/local-tenant-for-suite.ts';
import { runConformanceBundle } from '../support/run-conformance-bundle.ts';
import { repoRoot } from '../support/run-cli.ts';

// A target that breaks in one place must not stop the run: every other flow runs, each cell that
// cannot run says exactly why, an exception fails only the flow it stopped, and the run fails.
// The bundle runs without the CLI, so a configuration the CLI would refuse reaches the scenario.

const local = localTenantForSuite('harness-degraded-');

interface Run {
  summary: RunSummary;
  findings: Finding[];
}

async function runWith(
  name: string,
  deviations: DeviationName[],
  change: (c: HarnessConfigInput) => void = () => {},
): Promise<Run> {
  const res = await fetch(`${local.tenant.url}/__tenant/faults`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ deviations }),
  });
  assert.equal(res.status, 200);
  const config = local.tenant.harnessConfig() as HarnessConfigInput;
  // A fresh plain user per run: the MFA API flow enrols the one it is given, after which its
  // password logins ask for MFA, and its same-user login limit must not carry over.
  config.users = { ...config.users, plain: await freshUser(config, name) };
  change(config);
  const dir = path.join(local.dir, name);
  const summary = await runConformanceBundle(config, dir);
  return { summary, findings: readRawResults(path.join(dir, 'raw')).findings };
}

async function freshUser(config: HarnessConfigInput, name: string): Promise<{ username: string; password: string }> {
  const user = { username: `degraded-${name}@harness.invalid`, password: 'Degraded-Run-9f!Q' };
  const res = await fetch(`${local.tenant.url}/dbconnections/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      client_id: config.clients.none?.clientId,
      connection: config.connections?.database ?? 'Username-Password-Authentication',
      email: user.username,
      password: user.password,
    }),
  });
  assert.equal(res.status, 200, await res.text());
  return user;
}

const cell = (run: Run, endpoint: string, credential: string) =>
  run.summary.matrix.find((m) => m.endpoint === endpoint && m.credential === credential);
const ran = (run: Run, endpoint: string, credential: string) => {
  const status = cell(run, endpoint, credential)?.status;
  return status === 'passed' || status === 'failed';
};
const findingsOf = (run: Run, checkId: string) => run.findings.filter((f) => f.checkId === checkId);

/** No cell is left with the summary's fallback reason: every skip says why. */
function assertEveryCellAccountedFor(run: Run): void {
  for (const m of run.summary.matrix.filter((c) => c.status === 'skipped'))
    assert.ok(m.reason && !m.reason.startsWith('no check ran'), `${m.endpoint} [${m.credential}]: ${m.reason}`);
}

/** A check that could not judge anything is logged as not run, with why, and never passed. */
function assertNotRunNotPassed(run: Run, checkId: string, why: RegExp): void {
  const notRun = findingsOf(run, checkId).filter((f) => f.notRun);
  assert.ok(notRun.length > 0, `${checkId} should be reported as not run`);
  for (const f of notRun) assert.match(f.message, why, checkId);
  const passed = run.summary.checks.filter((c) => c.id === checkId && c.passes > 0);
  assert.deepEqual(passed, [], `${checkId} must not pass without evidence`);
}

describe('conformance against a target that breaks in one place', () => {
  before(async () => {
    await buildBundles({
      entryPoints: [path.join(repoRoot, 'scenarios', 'conformance.ts')],
      outdir: path.join(repoRoot, 'dist'),
      logLevel: 'silent',
    });
  });

  describe('a private key with PEM markers and garbage inside', () => {
    let run: Run;
    before(async () => {
      run = await runWith('garbage-key', [], (config) => {
        const client = config.clients.private_key_jwt as { privateKeyPem: string };
        client.privateKeyPem =
          '-----BEGIN PRIVATE KEY-----\nZ2FyYmFnZSBpbnNpZGUgdGhlIG1hcmtlcnM=\n-----END PRIVATE KEY-----\n';
      });
    });

    it('fails every private_key_jwt cell with the exception that stopped its flow, naming both', () => {
      for (const endpoint of [
        'POST /oauth/token',
        'POST /oauth/revoke',
        'POST /oauth/par',
        'POST /bc-authorize',
        'POST /mfa/challenge',
        'POST /passwordless/start',
      ]) {
        assert.equal(cell(run, endpoint, 'private_key_jwt')?.status, 'failed', endpoint);
        const finding = findingsOf(run, 'flow.completed_without_exception').find(
          (f) => f.endpoint === endpoint && f.credential === 'private_key_jwt',
        );
        assert.equal(finding?.cause, 'exception', endpoint);
        assert.match(
          finding?.message ?? '',
          /^the .+ \(private_key_jwt\) flow stopped with DataError: Invalid keyData$/,
        );
      }
    });

    it('runs every other flow to its end, and fails the run', () => {
      for (const [endpoint, credential] of [
        ['POST /oauth/token', 'client_secret_post'],
        ['POST /oauth/token', 'tls_client_auth'],
        ['POST /oauth/revoke', 'client_secret_basic'],
        ['GET /authorize', 'none'],
        ['GET /oidc/logout', 'none'],
        ['POST /mfa/associate', 'bearer'],
        ['GET /wsfed/FederationMetadata/2007-06/FederationMetadata.xml', 'none'],
      ])
        assert.equal(cell(run, endpoint, credential)?.status, 'passed', `${endpoint} [${credential}]`);
      assert.ok(findingsOf(run, 'flow.completed_without_exception').every((f) => f.credential === 'private_key_jwt'));
      assertEveryCellAccountedFor(run);
      assert.equal(run.summary.ok, false);
    });
  });

  describe('discovery answering 500', () => {
    let auth0: Run;
    let oidc: Run;
    before(async () => {
      auth0 = await runWith('discovery-500', ['discovery.server_error']);
      oidc = await runWith('discovery-500-oidc', ['discovery.server_error'], (c) => (c.profile = 'oidc'));
    });

    it('fails discovery on its status and leaves the checks that read the document not run, never passed', () => {
      assert.match(findingsOf(auth0, 'discovery.status.is_200')[0]?.message ?? '', /^expected status 200, got 500$/);
      assertNotRunNotPassed(auth0, 'discovery.code_challenge_methods.include_s256', /no discovery document/);
      assertNotRunNotPassed(auth0, 'discovery.issuer.equals_configured_issuer', /no discovery document/);
      assertNotRunNotPassed(auth0, 'access_token.iss.equals_discovery_issuer', /discovery gave no issuer/);
    });

    it('runs the auth0 flows on the fixed Auth0 paths, and fails the run', () => {
      for (const [endpoint, credential] of [
        ['GET /.well-known/jwks.json', 'none'],
        ['POST /oauth/token', 'client_secret_basic'],
        ['POST /oauth/par', 'private_key_jwt'],
        ['GET /authorize', 'none'],
      ])
        assert.equal(cell(auth0, endpoint, credential)?.status, 'passed', `${endpoint} [${credential}]`);
      assertEveryCellAccountedFor(auth0);
      assert.equal(auth0.summary.ok, false);
    });

    it('on the oidc profile, skips each cell whose endpoint only discovery could name, saying so', () => {
      assert.match(
        cell(oidc, 'POST /oauth/token', 'client_secret_post')?.reason ?? '',
        /^the token_endpoint is unknown: discovery fetch failed: it answered 500$/,
      );
      assert.match(
        cell(oidc, 'GET /.well-known/jwks.json', 'none')?.reason ?? '',
        /^the jwks_uri is unknown: discovery fetch failed: it answered 500$/,
      );
      assertEveryCellAccountedFor(oidc);
      assert.equal(oidc.summary.ok, false);
    });
  });

  describe('a JWKS that is unreachable, or malformed', () => {
    let unreachable: Run;
    let unreachableOidc: Run;
    let malformed: Run;
    before(async () => {
      unreachable = await runWith('jwks-unreachable', ['jwks.unreachable']);
      unreachableOidc = await runWith('jwks-unreachable-oidc', ['jwks.unreachable'], (c) => (c.profile = 'oidc'));
      malformed = await runWith('jwks-malformed', ['jwks.malformed']);
    });

    it('fails the JWKS as a transport error, named as k6 names it', () => {
      for (const run of [unreachable, unreachableOidc]) {
        const [status] = findingsOf(run, 'jwks.status.is_200');
        assert.equal(status?.cause, 'transport');
        assert.equal(status?.transportError, 'dial: connection refused');
        assert.equal(cell(run, 'GET /.well-known/jwks.json', 'none')?.status, 'failed');
      }
    });

    it('runs every token flow, leaving only the signature checks not run, with why', () => {
      for (const run of [unreachable, unreachableOidc]) {
        assertNotRunNotPassed(
          run,
          'access_token.signature.valid_against_jwks',
          /^JWKS fetch failed: no response: dial: connection refused \(k6 error 1212\)$/,
        );
        for (const [endpoint, credential] of [
          ['POST /oauth/token', 'client_secret_post'],
          ['POST /oauth/token', 'private_key_jwt'],
          ['POST /oauth/revoke', 'client_secret_basic'],
          ['POST /oauth/par', 'client_secret_post'],
          ['GET /userinfo', 'bearer'],
          ['POST /oidc/register', 'none'],
        ])
          assert.ok(ran(run, endpoint, credential), `${run.summary.profile}: ${endpoint} [${credential}] should run`);
        assert.ok(
          run.summary.checks.some((c) => c.id === 'token_response.schema' && c.passes > 0),
          'token responses are still checked',
        );
        assertEveryCellAccountedFor(run);
        assert.equal(run.summary.ok, false);
      }
      assert.equal(cell(unreachable, 'GET /authorize', 'none')?.status, 'passed');
    });

    it('fails a JWKS cut short on its schema, and says so where a signature cannot be checked', () => {
      assert.ok(malformed.summary.checks.some((c) => c.id === 'jwks.schema' && c.fails > 0));
      assertNotRunNotPassed(
        malformed,
        'id_token.signature.valid_against_jwks',
        /^JWKS fetch failed: the body is not a JSON object$/,
      );
      assert.equal(cell(malformed, 'POST /oauth/token', 'client_secret_post')?.status, 'passed');
      assert.equal(malformed.summary.ok, false);
    });
  });

  describe('a token endpoint that refuses every client', () => {
    let run: Run;
    before(async () => {
      run = await runWith('token-refuses-all', ['token.refuse_all_clients']);
    });

    it('fails the token cells on the refusal it saw, and runs the endpoints that need no token', () => {
      assert.match(findingsOf(run, 'token_response.status.is_200')[0]?.message ?? '', /^expected status 200, got 401$/);
      assert.equal(cell(run, 'POST /oauth/token', 'client_secret_post')?.status, 'failed');
      for (const [endpoint, credential] of [
        ['POST /oauth/revoke', 'client_secret_post'],
        ['POST /oauth/par', 'tls_client_auth'],
        ['POST /oauth/device/code', 'none'],
        ['POST /dbconnections/signup', 'none'],
        ['GET /samlp/metadata/{client_id}', 'none'],
      ])
        assert.equal(cell(run, endpoint, credential)?.status, 'passed', `${endpoint} [${credential}]`);
      // Refused logins still count against Auth0's same-user login limit (20 a minute from one IP), so
      // depending on the run's pace the MFA flow's login meets the refusal or the limit.
      assert.match(cell(run, 'POST /mfa/associate', 'bearer')?.reason ?? '', /password-realm login answered (401|429)/);
      assertEveryCellAccountedFor(run);
      assert.equal(run.summary.ok, false);
    });
  });
});
