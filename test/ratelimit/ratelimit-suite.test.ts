import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { rateLimitRecoveryRules, rateLimitRules } from '../../checks/ratelimit/rule-set.ts';
import { RATE_LIMITED_ENDPOINTS } from '../../lib/ratelimit/rate-limited-endpoints.ts';
import { localTenantForSuite } from '../support/local-tenant-for-suite.ts';
import { runCli } from '../support/run-cli.ts';

interface Summary {
  ok: boolean;
  checks: { id: string; endpoint: string; fails: number; passes: number; message: string | null }[];
  rateLimits: { endpoint: string; documentedBurst: number | null; first429At: number | null; skipped?: string }[];
}

const readSummary = (out: string): Summary => JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8'));

describe('auth0-harness run ratelimit on the local tenant', () => {
  const out = mkdtempSync(path.join(os.tmpdir(), 'harness-ratelimit-'));
  after(() => rmSync(out, { recursive: true, force: true }));

  it('drives every rate-limited endpoint into 429 at the configured burst and every rule passes', async () => {
    const result = await runCli(['run', 'ratelimit', '--engine', 'local', '--out', out]);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    const summary = readSummary(out);
    assert.equal(summary.ok, true);
    assert.deepEqual(
      summary.checks.filter((c) => c.fails > 0),
      [],
    );
    for (const endpoint of RATE_LIMITED_ENDPOINTS) {
      const row = summary.rateLimits.find((r) => r.endpoint === endpoint.label);
      assert.ok(row, `${endpoint.label} should be driven`);
      // Right after the burst, or a little later when the bucket refilled during the drive (the
      // ratelimit.first_429.at_documented_burst rule bounds that by the refill rate).
      assert.ok(
        row.first429At !== null && row.documentedBurst !== null && row.first429At >= row.documentedBurst + 1,
        `${endpoint.label}: ${JSON.stringify(row)}`,
      );
      const ran = summary.checks
        .filter((c) => c.endpoint === endpoint.label && c.id.startsWith('ratelimit.'))
        .map((c) => c.id);
      const expected =
        endpoint.rules === 'bucket'
          ? [...rateLimitRules, ...rateLimitRecoveryRules].map((c) => c.id)
          : ['ratelimit.first_429.at_documented_burst', 'ratelimit.429.documented_body'];
      assert.deepEqual(ran.sort(), expected.sort(), endpoint.label);
    }
  });
});

describe('auth0-harness run ratelimit names the rule a falsified header breaks', () => {
  const local = localTenantForSuite('harness-ratelimit-faults-');
  const { dir, configFile } = local;

  it('records an endpoint it cannot drive as skipped, with why, and fails nothing for it', async () => {
    const { localTenant, ...config } = local.tenant.harnessConfig();
    assert.ok(localTenant);
    const file = path.join(dir, 'no-public-client.json');
    writeFileSync(file, JSON.stringify({ ...config, clients: { ...config.clients, none: undefined } }));
    const out = path.join(dir, 'skips');
    const result = await runCli([
      'run',
      'ratelimit',
      '--engine',
      'local',
      '--target',
      local.tenant.url,
      '--config',
      file,
      '--out',
      out,
      '--only',
      'passwordless_start,brute_force',
    ]);
    const summary = readSummary(out);
    assert.deepEqual(
      summary.checks.filter((c) => c.id.startsWith('ratelimit.')),
      [],
      result.stdout + result.stderr,
    );
    const skipped = Object.fromEntries(summary.rateLimits.map((r) => [r.endpoint, r.skipped]));
    assert.match(skipped['POST /passwordless/start'] ?? '', /no public client \(clients\.none\)/);
    assert.match(skipped['POST /oauth/token (brute-force protection)'] ?? '', /only on the local tenant/);
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
      const res = await fetch(`${local.tenant.url}/__tenant/faults`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ deviations: [deviation] }),
      });
      assert.equal(res.status, 200);
      const out = path.join(dir, deviation);
      const result = await runCli([
        'run',
        'ratelimit',
        '--engine',
        'local',
        '--target',
        local.tenant.url,
        '--config',
        configFile,
        '--out',
        out,
        '--only',
        'token',
      ]);
      assert.equal(result.code, 1, result.stdout + result.stderr);
      const summary = readSummary(out);
      const row = summary.checks.find((c) => c.id === rule && c.endpoint === 'POST /oauth/token');
      assert.ok(
        row && row.fails > 0,
        `${rule} should fail under ${deviation}: ${JSON.stringify(summary.checks.filter((c) => c.fails))}`,
      );
      assert.match(result.stdout, new RegExp(`✗ ${rule.replace(/\./g, '\\.')}`));
      assert.ok(row.message && row.message.length > 0);
    });
  }
});
