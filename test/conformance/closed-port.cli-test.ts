import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { HarnessConfigInput } from '../../lib/k6-and-node/harness-config.ts';
import type { Finding } from '../../lib/k6-and-node/result-protocol.ts';
import { readRawResults } from '../../reports/raw-results.ts';
import type { RunSummary } from '../../reports/run-summary.ts';
import { runCli, type CliResult } from '../support/run-cli.ts';
import { runConformanceBundle } from '../support/run-conformance-bundle.ts';

// Nothing listens at the target: every request fails before any answer. The run must say so in
// k6's words ("connection refused"), fail, and pass nothing: no check may pass without a response.

/** A loopback port that was free a moment ago: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function configFor(baseUrl: string): HarnessConfigInput {
  const privateKeyPem = generateKeyPairSync('rsa', { modulusLength: 2048 })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();
  return {
    baseUrl,
    issuer: `${baseUrl}/`,
    audience: 'https://api.closed.example/',
    clients: {
      none: {
        clientId: 'spa',
        redirectUri: 'https://app.closed.example/cb',
        logoutUri: 'https://app.closed.example/out',
      },
      client_secret_post: { clientId: 'post', clientSecret: 'closed-port-secret-post' },
      client_secret_basic: { clientId: 'basic', clientSecret: 'closed-port-secret-basic' },
      private_key_jwt: { clientId: 'pkj', privateKeyPem },
      device: { clientId: 'device' },
    },
    users: { plain: { username: 'user@closed.example', password: 'Closed-Port-9f!Q' } },
  };
}

interface Run {
  summary: RunSummary;
  findings: Finding[];
}

describe('conformance against a port where nothing listens', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'harness-closed-'));
  const runs = {} as Record<'auth0' | 'oidc', Run>;
  let cli: CliResult;

  before(async () => {
    const baseUrl = `http://127.0.0.1:${await closedPort()}`;
    const config = configFor(baseUrl);
    // The auth0 profile as a user runs it, for the exit code and the terminal; the oidc profile's
    // bundle directly, as the CLI would run it.
    const configFile = path.join(dir, 'harness.json');
    writeFileSync(configFile, JSON.stringify(config), { mode: 0o600 });
    const out = path.join(dir, 'auth0');
    cli = await runCli([
      'run',
      'conformance',
      '--engine',
      'local',
      '--target',
      baseUrl,
      '--config',
      configFile,
      '--out',
      out,
    ]);
    runs.auth0 = {
      summary: JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8')),
      findings: readRawResults(path.join(out, 'raw')).findings,
    };
    const oidcDir = path.join(dir, 'oidc');
    runs.oidc = {
      summary: await runConformanceBundle({ ...config, profile: 'oidc' }, oidcDir),
      findings: readRawResults(path.join(oidcDir, 'raw')).findings,
    };
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('fails the run, exit 1, naming the refused connection on the terminal and never "got 0"', () => {
    assert.equal(cli.code, 1, cli.stdout + cli.stderr);
    assert.match(
      cli.stdout,
      /discovery\.status\.is_200 .*: expected status 200, got no response: dial: connection refused \(k6 error 1212\)/,
    );
    assert.doesNotMatch(cli.stdout, /got 0\b/);
    // k6's "Request Failed" warning carries Go's own words, the address included.
    assert.match(cli.stderr, /Request Failed.*dial tcp 127\.0\.0\.1:\d+: connect: connection refused/);
  });

  it('records every failure as a transport error with the text k6 gave', () => {
    for (const { findings } of Object.values(runs)) {
      const failures = findings.filter((f) => !f.skipped && !f.notRun);
      assert.ok(failures.length > 0);
      for (const f of failures) {
        assert.equal(f.cause, 'transport', `${f.checkId} ${f.endpoint}: ${f.message}`);
        assert.match(f.transportError ?? '', /^dial: connection refused$/);
        assert.match(f.message, /got no response: .*connection refused/);
      }
    }
  });

  it('passes no check: those a status check does not cover are not run, saying no response came', () => {
    for (const { summary, findings } of Object.values(runs)) {
      assert.deepEqual(
        summary.checks.filter((c) => c.passes > 0).map((c) => `${c.id} ${c.endpoint}`),
        [],
      );
      assert.equal(summary.ok, false);
      const notRun = findings.filter((f) => f.notRun);
      assert.ok(notRun.some((f) => f.checkId === 'discovery.code_challenge_methods.include_s256'));
      for (const f of notRun) assert.match(f.message, /^no response to judge: .*connection refused \(k6 error 1212\)$/);
    }
  });

  it('gives every cell it could not run its reason; on the oidc profile, that discovery was refused', () => {
    for (const { summary } of Object.values(runs))
      for (const m of summary.matrix.filter((c) => c.status === 'skipped'))
        assert.ok(m.reason && !m.reason.startsWith('no check ran'), `${m.endpoint} [${m.credential}]: ${m.reason}`);
    const token = runs.oidc.summary.matrix.find(
      (m) => m.endpoint === 'POST /oauth/token' && m.credential === 'client_secret_post',
    );
    assert.match(
      token?.reason ?? '',
      /^the token_endpoint is unknown: discovery fetch failed: no response: dial: connection refused \(k6 error 1212\)/,
    );
    assert.equal(
      runs.auth0.summary.matrix.find((m) => m.endpoint === 'POST /oauth/token' && m.credential === 'client_secret_post')
        ?.status,
      'failed',
    );
  });
});
