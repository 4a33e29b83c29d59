import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildBundles } from '../../build.mjs';
import { CONFORMANCE_MATRIX } from '../../lib/k6-and-node/conformance-matrix.ts';
import type { RunSummary } from '../../reports/run-summary.ts';
import { startTenant, type RunningTenant } from '../../tenant/start-tenant.ts';
import { runConformanceBundle } from '../support/run-conformance-bundle.ts';
import { repoRoot } from '../support/run-cli.ts';

// RFC 8705 mutual TLS end to end: the conformance bundle on the local engine presents the handshake
// client's certificate (k6's tlsAuth, from the harness configuration) to the tenant's mTLS listener,
// which discovery announces in mtls_endpoint_aliases, and checks that its tokens are bound to it.

const BINDING_CHECK = 'access_token.cnf.x5t_s256_matches_certificate';
const HANDSHAKE = 'mtls_handshake';

describe('the auth0 profile against the local tenant with its mTLS listener', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'harness-mtls-'));
  let tenant: RunningTenant;
  let green: RunSummary;
  let wrongBinding: RunSummary;
  before(async () => {
    await buildBundles({
      entryPoints: [path.join(repoRoot, 'scenarios', 'conformance.ts')],
      outdir: path.join(repoRoot, 'dist'),
      logLevel: 'silent',
    });
    tenant = await startTenant({ https: true, faults: true });
    green = await runConformanceBundle(tenant.harnessConfig(), path.join(dir, 'green'));
    const faults = await fetch(`${tenant.url}/__tenant/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ deviations: ['token.wrong_cnf'] }),
    });
    assert.equal(faults.status, 200);
    wrongBinding = await runConformanceBundle(tenant.harnessConfig(), path.join(dir, 'wrong-cnf'));
  });
  after(async () => {
    await tenant?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const cell = (summary: RunSummary, endpoint: string) =>
    summary.matrix.find((m) => m.endpoint === endpoint && m.credential === HANDSHAKE);
  const bindingChecks = (summary: RunSummary) =>
    summary.checks.filter((c) => c.id === BINDING_CHECK && c.credential === HANDSHAKE);

  it('is green: every failure-severity check passed, the handshake client among them', () => {
    const failed = green.checks.filter((c) => c.severity === 'failure' && c.fails > 0);
    assert.deepEqual(
      failed.map((c) => `${c.id} ${c.endpoint} [${c.credential}]: ${c.message}`),
      [],
    );
    assert.equal(green.ok, true);
  });

  it('passes the token endpoint cell of mutual TLS by handshake, at the mTLS alias, with its tokens bound to the certificate', () => {
    assert.equal(cell(green, 'POST /oauth/token')?.status, 'passed');
    const binding = bindingChecks(green);
    assert.ok(binding.length > 0, `${BINDING_CHECK} should have run for ${HANDSHAKE}`);
    assert.ok(binding.every((c) => c.passes > 0 && c.fails === 0));
  });

  it('gives every other cell of the method a verdict: passed, or not applicable or skipped saying why', () => {
    for (const row of CONFORMANCE_MATRIX.filter((r) => r.profiles.includes('auth0'))) {
      const found = cell(green, row.endpoint);
      assert.ok(found, `${row.endpoint} [${HANDSHAKE}] is reported`);
      assert.notEqual(found.status, 'failed', `${row.endpoint} [${HANDSHAKE}]`);
      if (found.status !== 'passed')
        assert.ok(found.reason && !found.reason.startsWith('no check ran'), `${row.endpoint} has a specific reason`);
    }
  });

  it("leaves the client certificate's private key out of what the runs wrote, failed findings included", () => {
    const keyLines = (tenant.harnessConfig().clients.mtls_handshake?.privateKeyPem ?? '')
      .split('\n')
      .filter((line) => line.length >= 16 && !line.startsWith('-----'));
    assert.ok(keyLines.length > 0);
    for (const run of ['green', 'wrong-cnf']) {
      const raw = path.join(dir, run, 'raw');
      for (const file of readdirSync(raw)) {
        const text = readFileSync(path.join(raw, file), 'utf8');
        assert.ok(!keyLines.some((line) => text.includes(line)), `${run}/raw/${file} holds a line of the key`);
      }
    }
    assert.ok(readFileSync(path.join(dir, 'wrong-cnf', 'raw', 'findings.ndjson'), 'utf8').length > 0);
  });

  it('fails the binding check, naming both thumbprints, when the tenant binds tokens to another certificate', () => {
    assert.equal(wrongBinding.ok, false);
    const binding = bindingChecks(wrongBinding);
    assert.ok(binding.length > 0 && binding.every((c) => c.fails > 0), `${BINDING_CHECK} should fail`);
    assert.match(binding[0].message ?? '', /expected cnf\.x5t#S256 "[\w-]{43}", got "[\w-]{43}"/);
    assert.equal(cell(wrongBinding, 'POST /oauth/token')?.status, 'failed');
  });
});
