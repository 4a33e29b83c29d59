import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
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

  it('reports the latency the tenant injects', async () => {
    await fetch(`${local.tenant.url}/__tenant/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ latencyMs: 150 }),
    });
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
    await fetch(`${local.tenant.url}/__tenant/faults`, { method: 'DELETE' });
    assert.equal(result.code, 0, result.stdout + result.stderr);
    const row = readSummary(out).endpoints.find((e: EndpointRow) => e.endpoint === 'GET /.well-known/jwks.json');
    assert.ok(row.p50 >= 140 && row.p50 < 1000, `p50 ${row.p50} ms should reflect the injected 150 ms`);
  });

  it("--find-max steps the rate, reports the maximum per flow, and keeps every step's run", async () => {
    const out = path.join(dir, 'find-max');
    const result = await runCli([
      'run',
      'load',
      '--engine',
      'local',
      '--out',
      out,
      '--find-max',
      '--mix',
      'discovery_jwks=1',
      '--rate',
      '5',
      '--duration',
      '1s',
      '--max-rps',
      '40',
      ...RELAXED,
    ]);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    const summary = readSummary(out);
    const [flow] = summary.findMax;
    assert.equal(flow.flow, 'discovery_jwks');
    assert.ok(flow.maxSustainableRate > 0);
    assert.ok(flow.steps.length >= 2, JSON.stringify(flow.steps));
    assert.deepEqual(flow.steps.map((s: { rate: number }) => s.rate).slice(0, 2), [5, 10]);
    for (const step of flow.steps) assert.ok(existsSync(path.join(out, step.raw)), `${step.raw} should be kept`);
    assert.match(result.stdout, /find-max: discovery_jwks/);
  });
});
