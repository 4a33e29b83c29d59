import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startTenant, type RunningTenant } from '../../tenant/start-tenant.ts';
import { runCli } from '../support/run-cli.ts';

interface Summary {
  ok: boolean;
  checks: { id: string; endpoint: string; fails: number; passes: number; message: string | null }[];
  rateLimits: { endpoint: string; documentedBurst: number; first429At: number | null }[];
}

const readSummary = (out: string): Summary => JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8'));

describe('auth0-harness run ratelimit on the local tenant', () => {
  const out = mkdtempSync(path.join(os.tmpdir(), 'harness-ratelimit-'));
  after(() => rmSync(out, { recursive: true, force: true }));

  it('drives each bucket into 429 at the configured burst and every rule passes', async () => {
    const result = await runCli(['run', 'ratelimit', '--engine', 'local', '--out', out, '--only', 'global,token,jwks,same_user_login,brute_force']);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    const summary = readSummary(out);
    assert.equal(summary.ok, true);
    for (const id of ['ratelimit.headers.present', 'ratelimit.remaining.decrements_by_one', 'ratelimit.first_429.when_bucket_empty', 'ratelimit.reset.is_future_epoch_seconds', 'ratelimit.recovers_after_reset']) {
      const row = summary.checks.find((c) => c.id === id && c.endpoint === 'POST /oauth/token');
      assert.ok(row && row.passes > 0 && row.fails === 0, `${id} should pass on POST /oauth/token`);
    }
    const token = summary.rateLimits.find((r) => r.endpoint === 'POST /oauth/token');
    assert.deepEqual(token, { endpoint: 'POST /oauth/token', documentedBurst: 4, first429At: 5 });
    const bruteForce = summary.rateLimits.find((r) => r.endpoint === 'POST /oauth/token (brute-force protection)');
    assert.equal(bruteForce?.first429At, 4);
  });
});

describe('auth0-harness run ratelimit names the rule a falsified header breaks', () => {
  let tenant: RunningTenant;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'harness-ratelimit-faults-'));
  const configFile = path.join(dir, 'harness.json');
  before(async () => {
    tenant = await startTenant({ faults: true });
    writeFileSync(configFile, JSON.stringify(tenant.harnessConfig()));
  });
  after(async () => {
    await tenant.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const cases: [deviation: string, rule: string][] = [
    ['ratelimit.drop_remaining_header', 'ratelimit.headers.present'],
    ['ratelimit.drop_limit_header', 'ratelimit.remaining.never_exceeds_limit'],
    ['ratelimit.reset_in_milliseconds', 'ratelimit.reset.is_future_epoch_seconds'],
    ['ratelimit.remaining_not_decremented', 'ratelimit.remaining.decrements_by_one'],
    ['ratelimit.429_wrong_body', 'ratelimit.429.documented_body'],
  ];
  for (const [deviation, rule] of cases) {
    it(`${deviation} fails ${rule}, exit 1, no crash`, async () => {
      const res = await fetch(`${tenant.url}/__tenant/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ deviations: [deviation] }) });
      assert.equal(res.status, 200);
      const out = path.join(dir, deviation);
      const result = await runCli(['run', 'ratelimit', '--engine', 'local', '--target', tenant.url, '--config', configFile, '--out', out, '--only', 'token']);
      assert.equal(result.code, 1, result.stdout + result.stderr);
      const summary = readSummary(out);
      const row = summary.checks.find((c) => c.id === rule && c.endpoint === 'POST /oauth/token');
      assert.ok(row && row.fails > 0, `${rule} should fail under ${deviation}: ${JSON.stringify(summary.checks.filter((c) => c.fails))}`);
      assert.match(result.stdout, new RegExp(`✗ ${rule.replace(/\./g, '\\.')}`));
      assert.ok(row.message && row.message.length > 0);
    });
  }
});
