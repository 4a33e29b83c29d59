import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { localTenantForSuite } from '../support/local-tenant-for-suite.ts';
import { runCli } from '../support/run-cli.ts';

interface EndpointRow {
  endpoint: string;
  requests: number;
  p50: number;
  p95: number;
  p99: number;
  rps: number;
}

const readSummary = (out: string) => JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8'));
// Generous on purpose: the machine is shared; latency targets belong in `npm run bench`.
const RELAXED = ['--threshold', 'p95<5000', '--threshold', 'p99<10000'];

describe('auth0-harness run load on the local tenant', () => {
  const local = localTenantForSuite('harness-load-');
  const { dir, configFile } = local;
  const setFaults = (faults: { latencyMs: number } | undefined) =>
    fetch(`${local.tenant.url}/__tenant/faults`, {
      method: faults ? 'PUT' : 'DELETE',
      headers: { 'content-type': 'application/json' },
      body: faults && JSON.stringify(faults),
    });

  it('a smoke run reports per-endpoint p50/p95/p99 and rps, and a conformance error rate from the samples', async () => {
    const out = path.join(dir, 'smoke');
    const result = await runCli([
      'run',
      'load',
      '--engine',
      'local',
      '--out',
      out,
      '--shape',
      'smoke',
      '--rate',
      '6',
      '--duration',
      '2s',
      '--mix',
      'client_credentials_post=1,client_credentials_basic=1,discovery_jwks=1,authorization_code_pkce=1',
      '--sample-every',
      '5',
      ...RELAXED,
    ]);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    const summary = readSummary(out);
    assert.equal(summary.ok, true);
    for (const endpoint of [
      'POST /oauth/token',
      'GET /.well-known/openid-configuration',
      'GET /.well-known/jwks.json',
      'GET /authorize',
      'GET /u/login',
      'POST /u/login',
    ]) {
      const row = summary.endpoints.find((e: EndpointRow) => e.endpoint === endpoint);
      assert.ok(row, `${endpoint} should have a row`);
      assert.ok(
        row.requests > 0 && row.p50 > 0 && row.p95 >= row.p50 && row.p99 >= row.p95 && row.rps > 0,
        JSON.stringify(row),
      );
    }
    assert.ok(summary.load.conformanceSamples > 0);
    assert.equal(summary.load.conformanceErrorRate, 0);
    for (const id of ['access_token.signature.valid_against_jwks', 'redirect.params.state_echoed']) {
      assert.ok(
        summary.checks.some((c: { id: string; passes: number }) => c.id === id && c.passes > 0),
        `${id} should run on the samples`,
      );
    }
    assert.match(result.stdout, /POST \/oauth\/token/);
  });

  it('every flow, mixed, is green on the local tenant: no request fails, the refresh flow rotating its token again and again', async () => {
    const out = path.join(dir, 'every-flow');
    const result = await runCli([
      'run',
      'load',
      '--engine',
      'local',
      '--out',
      out,
      '--rate',
      '22',
      '--duration',
      '3s',
      ...RELAXED,
    ]);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    const summary = readSummary(out);
    assert.equal(summary.ok, true);
    for (const row of summary.endpoints as (EndpointRow & { errorRate: number })[])
      assert.equal(row.errorRate, 0, `${row.endpoint}: ${JSON.stringify(row)}`);
    assert.ok(summary.endpoints.length >= 9, summary.endpoints.map((e: EndpointRow) => e.endpoint).join(', '));
  });

  it("the login flows leave the VUs' refresh tokens alone: Auth0 keeps 200 per user and application", async () => {
    // 40 logins a second for 8 s with the warm-up: 320, well past 200, while the refresh flow's VUs
    // keep rotating theirs.
    const out = path.join(dir, 'logins-and-refreshes');
    const result = await runCli([
      'run',
      'load',
      '--engine',
      'local',
      '--out',
      out,
      '--rate',
      '42',
      '--duration',
      '6s',
      '--mix',
      'password_realm=20,refresh_rotation=1',
      ...RELAXED,
    ]);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    const token = readSummary(out).endpoints.find((e: EndpointRow) => e.endpoint === 'POST /oauth/token');
    assert.equal(token.errorRate, 0, JSON.stringify(token));
  });

  it('samples one iteration in N of each scenario for the conformance checks, counted across its VUs', async () => {
    // 500 ms a response at 20 iterations a second: ten VUs in flight, each doing a few iterations.
    await setFaults({ latencyMs: 500 });
    const out = path.join(dir, 'sampling');
    const result = await runCli([
      'run',
      'load',
      '--engine',
      'local',
      '--target',
      local.tenant.url,
      '--config',
      configFile,
      '--out',
      out,
      '--rate',
      '20',
      '--duration',
      '2s',
      '--mix',
      'passwordless_start=1',
      '--sample-every',
      '10',
      ...RELAXED,
    ]);
    await setFaults(undefined);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    const summary = readSummary(out);
    const row = summary.endpoints.find((e: EndpointRow) => e.endpoint === 'POST /passwordless/start');
    // One request and one sampled check set per iteration: iterations 0, 10, 20, … are sampled.
    assert.equal(summary.load.conformanceSamples, Math.ceil(row.requests / 10), JSON.stringify(summary.load));
  });

  it('reports the latency the tenant injects', async () => {
    await setFaults({ latencyMs: 150 });
    const out = path.join(dir, 'latency');
    const result = await runCli([
      'run',
      'load',
      '--engine',
      'local',
      '--target',
      local.tenant.url,
      '--config',
      configFile,
      '--out',
      out,
      '--rate',
      '4',
      '--duration',
      '2s',
      '--mix',
      'discovery_jwks=1',
      ...RELAXED,
    ]);
    await setFaults(undefined);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    const row = readSummary(out).endpoints.find((e: EndpointRow) => e.endpoint === 'GET /.well-known/jwks.json');
    assert.ok(row.p50 >= 140 && row.p50 < 1000, `p50 ${row.p50} ms should reflect the injected 150 ms`);
  });
});
