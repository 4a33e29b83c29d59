import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildBundles } from '../../build.mjs';
import type { RunSummary } from '../../reports/run-summary.ts';
import { startMtlsOidcProvider, type RunningMtlsProvider } from '../support/oidc-provider-mtls.ts';
import { runConformanceBundle } from '../support/run-conformance-bundle.ts';
import { repoRoot } from '../support/run-cli.ts';

// RFC 8705 against a provider nobody here wrote: the oidc profile's mutual TLS cells on
// oidc-provider 8 served over HTTPS, which authenticates tls_client_auth by the certificate in the
// handshake and binds its tokens to it, with no mtls_endpoint_aliases in its discovery.

describe('the oidc profile with mutual TLS by handshake against oidc-provider 8', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'harness-oidc-mtls-'));
  let provider: RunningMtlsProvider;
  let summary: RunSummary;
  before(async () => {
    await buildBundles({
      entryPoints: [path.join(repoRoot, 'scenarios', 'conformance.ts')],
      outdir: path.join(repoRoot, 'dist'),
      logLevel: 'silent',
    });
    provider = await startMtlsOidcProvider();
    summary = await runConformanceBundle(provider.harnessConfig, dir);
  });
  after(async () => {
    await provider?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const handshakeChecks = (id: string) =>
    summary.checks.filter((c) => c.id === id && c.credential === 'mtls_handshake');

  it('passes the token endpoint cell: the client authenticated by the certificate in the handshake, its tokens bound to it', () => {
    const failed = summary.checks.filter((c) => c.severity === 'failure' && c.fails > 0);
    assert.deepEqual(
      failed.map((c) => `${c.id} ${c.endpoint} [${c.credential}]: ${c.message}`),
      [],
    );
    const cell = summary.matrix.find((m) => m.endpoint === 'POST /oauth/token' && m.credential === 'mtls_handshake');
    assert.equal(cell?.status, 'passed', cell?.reason);
    for (const id of [
      'token_response.status.is_200',
      'access_token.signature.valid_against_jwks',
      'access_token.cnf.x5t_s256_matches_certificate',
    ])
      assert.ok(
        handshakeChecks(id).some((c) => c.passes > 0 && c.fails === 0),
        `${id} should have run and passed`,
      );
  });

  it('leaves out the request without a certificate, saying why: the provider has no alias apart from its endpoint', () => {
    const missing = summary.checks.filter(
      (c) => c.id.startsWith('token_error.missing_secret.') && c.credential === 'mtls_handshake',
    );
    assert.ok(missing.length > 0, 'the missing-certificate case is reported');
    for (const check of missing) {
      assert.equal(check.passes + check.fails, 0);
      assert.match(check.notRun ?? '', /no mTLS alias apart from this endpoint/);
    }
  });
});
