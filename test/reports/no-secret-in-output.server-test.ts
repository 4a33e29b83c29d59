import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { HarnessConfig, type HarnessConfigInput } from '../../lib/k6-and-node/harness-config.ts';
import { knownSecrets } from '../../reports/known-secrets.ts';
import { startTenant, type RunningTenant } from '../../tenant/start-tenant.ts';
import { ALLURE_HTML_ON, runCli, type CliResult } from '../support/run-cli.ts';

// The whole conformance suite against the local tenant, then every byte under out/ (gzipped files
// unpacked) searched for the fixture's secrets, for anything shaped like a JWT and for key material.

const JWT_SHAPE = /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/;

function* filesUnder(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) yield* filesUnder(full);
    else yield full;
  }
}

function contents(file: string): string {
  const buf = readFileSync(file);
  return (buf[0] === 0x1f && buf[1] === 0x8b ? gunzipSync(buf, { finishFlush: 2 }) : buf).toString('utf8');
}

/** Every place under `out` (and in the CLI's own output) where a secret, a JWT or a key shows. */
function leaks(out: string, cli: CliResult, needles: string[]): string[] {
  const found: string[] = [];
  const scan = (where: string, text: string) => {
    for (const n of needles) if (text.includes(n)) found.push(`${where}: a secret of ${n.length} chars`);
    if (JWT_SHAPE.test(text)) found.push(`${where}: a JWT (${JWT_SHAPE.exec(text)?.[0].slice(0, 12)}…)`);
    if (/PRIVATE KEY-----/.test(text)) found.push(`${where}: a PEM private key`);
  };
  for (const file of filesUnder(out)) scan(path.relative(out, file), contents(file));
  scan('stdout', cli.stdout);
  scan('stderr', cli.stderr);
  return found;
}

describe('no secret reaches out/ (full conformance suite on the local tenant)', () => {
  let tenant: RunningTenant;
  const work = mkdtempSync(path.join(os.tmpdir(), 'no-secret-'));
  let config: HarnessConfigInput;
  let needles: string[];

  before(async () => {
    tenant = await startTenant();
    const pem = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    // The tenant's own clients, users and keys; where the fixture lacks a kind of secret, one is added
    // (its client is unknown to the tenant, so its checks fail, with the request in the finding).
    const own = tenant.harnessConfig();
    config = {
      ...own,
      customDomainApiKey: own.customDomainApiKey ?? 'cname-api-key-of-the-test-0001',
      clients: {
        ...own.clients,
        private_key_jwt: own.clients.private_key_jwt ?? { clientId: 'pkjwt-client', privateKeyPem: pem },
      },
      users: {
        ...own.users,
        plain: own.users?.plain ?? { username: 'ann@example.com', password: 'Password-of-Ann-42!' },
      },
    };
    const secrets = knownSecrets(HarnessConfig.parse(config));
    const fixtureSecrets = tenant.fixture.applications.flatMap((a) => (a.clientSecret ? [a.clientSecret] : []));
    assert.ok(fixtureSecrets.length >= 2, 'the fixture has client secrets to look for');
    assert.ok(
      secrets.some((s) => s.kind === 'private_key') && secrets.some((s) => s.kind === 'password'),
      'a private key and a password to look for',
    );
    needles = [...new Set([...secrets.map((s) => s.value), ...fixtureSecrets])];
  });
  after(async () => {
    await tenant.close();
    rmSync(work, { recursive: true, force: true });
  });

  /** `html`: with the Allure HTML (a JVM start); the failing run's, whose findings carry exchanges, is the one it matters in. */
  async function run(
    name: string,
    overrides: Partial<HarnessConfigInput>,
    html: boolean,
  ): Promise<{ out: string; result: CliResult }> {
    const configFile = path.join(work, `${name}.json`);
    writeFileSync(configFile, JSON.stringify({ ...config, ...overrides }));
    const out = path.join(work, name);
    const result = await runCli(
      ['run', 'conformance', '--engine', 'local', '--target', tenant.url, '--config', configFile, '--out', out],
      html ? { env: ALLURE_HTML_ON } : {},
    );
    return { out, result };
  }

  it('a complete run leaves no secret, token or key in any output, and needed no scrub to get there', async () => {
    const { out, result } = await run('complete', {}, false);
    const summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8'));
    assert.equal(summary.incomplete, undefined, result.stdout + result.stderr);
    assert.ok(summary.checks.length > 0);
    assert.deepEqual(leaks(out, result, needles), []);
    assert.doesNotMatch(result.stderr, /redaction: a secret reached/);
  });

  it('a failing run, whose findings carry requests and tokens, leaves none either', async () => {
    // A tenant that does not meet the expected issuer: every token check on iss fails, and its
    // finding carries the token request (client secret) and the response (access token).
    const { out, result } = await run('failing', { issuer: 'https://expected-tenant.example/' }, true);
    assert.equal(result.code, 1, result.stdout + result.stderr);
    assert.ok(existsSync(path.join(out, 'allure-report', 'index.html')), 'the HTML report is among what is searched');
    const resultsDir = path.join(out, 'allure-results');
    const failed = readdirSync(resultsDir)
      .filter((f) => f.endsWith('-result.json'))
      .map((f) => JSON.parse(readFileSync(path.join(resultsDir, f), 'utf8')))
      .filter(
        (r) =>
          r.status === 'failed' &&
          (r.attachments.length || r.steps.some((s: { attachments: unknown[] }) => s.attachments.length)),
      );
    assert.ok(failed.length > 0, 'some failed test carries the exchange behind it');
    assert.deepEqual(leaks(out, result, needles), []);
    assert.doesNotMatch(result.stderr, /redaction: a secret reached/);
  });
});
