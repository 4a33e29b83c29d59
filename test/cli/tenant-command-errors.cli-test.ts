import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli, type CliResult } from '../support/run-cli.ts';

// `auth0-harness tenant` refuses what it cannot serve with one sentence and exit 2, before listening.

const dir = mkdtempSync(path.join(os.tmpdir(), 'tenant-errors-'));
const fixture = (name: string, json: unknown) => {
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify(json));
  return file;
};
const app = (extra: object = {}) => ({
  clientId: 'app',
  name: 'App',
  appType: 'non_interactive',
  tokenEndpointAuthMethod: 'client_secret_post',
  grantTypes: ['client_credentials'],
  ...extra,
});
const api = { identifier: 'https://api/', scopes: [] };
const refusedCleanly = (result: CliResult) => {
  assert.equal(result.code, 2, result.stdout + result.stderr);
  assert.match(result.stderr, /^error: /);
  assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
  assert.doesNotMatch(result.stdout, /listening/);
};

describe('auth0-harness tenant: bad inputs', () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('answers a port in use with the port, the host and the fix, not a stack trace', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const { port } = busy.address() as AddressInfo;
    try {
      const result = await runCli(['tenant', '--port', String(port)]);
      refusedCleanly(result);
      assert.equal(
        result.stderr,
        `error: --port: port ${port} on 127.0.0.1 is in use; choose another with --port or 0 for any free port.\n`,
      );
    } finally {
      busy.close();
    }
  });

  it('answers a bad or busy --https port with that flag, the port and the fix', async () => {
    const bad = await runCli(['tenant', '--https', 'eighty']);
    refusedCleanly(bad);
    assert.equal(bad.stderr, 'error: --https: "eighty" is not a port number (0-65535).\n');
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const { port } = busy.address() as AddressInfo;
    try {
      const result = await runCli(['tenant', '--https', String(port)]);
      refusedCleanly(result);
      assert.equal(
        result.stderr,
        `error: --https: port ${port} on 127.0.0.1 is in use; choose another with --https or 0 for any free port.\n`,
      );
    } finally {
      busy.close();
    }
  });

  it('refuses a fixture with a misspelt key, a damaged key or certificate, and clashing ids, all at once', async () => {
    const publicKeyPem = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({
      format: 'pem',
      type: 'spki',
    });
    const result = await runCli([
      'tenant',
      '--config',
      fixture('bad.json', {
        applications: [
          app({ grantTyeps: [] }),
          app({ tokenEndpointAuthMethod: 'private_key_jwt', privateKeyJwt: { publicKeyPem } }),
          app({
            clientId: 'mtls',
            tokenEndpointAuthMethod: 'self_signed_tls_client_auth',
            mtls: { certificatePem: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n' },
          }),
        ],
        apis: [api],
        defaultAudience: 'https://other-api/',
      }),
    ]);
    refusedCleanly(result);
    assert.match(result.stderr, /applications\[0\]\.grantTyeps: unknown field; did you mean "grantTypes"\?/);
    assert.match(result.stderr, /applications\[1\]\.clientId: "app" is already used at applications\[0\]\.clientId/);
    assert.match(
      result.stderr,
      /applications\[1\]\.privateKeyJwt\.publicKeyPem: is an EC key, which cannot verify RS256; private_key_jwt credentials are RSA keys\./,
    );
    assert.match(
      result.stderr,
      /applications\[2\]\.mtls\.certificatePem: has PEM markers but its content is not a readable X\.509 certificate/,
    );
    assert.match(result.stderr, /defaultAudience: names no API in apis; give one of "https:\/\/api\/"\./);
  });

  it('refuses --write-harness-config into a folder that does not exist, and stops the tenant', async () => {
    const result = await runCli(['tenant', '--write-harness-config', path.join(dir, 'no-such-folder', 'h.json')]);
    assert.equal(result.code, 2, result.stderr);
    assert.match(
      result.stderr,
      /^error: --write-harness-config: .*h\.json cannot be written \(its folder does not exist\); give a path in a folder you can write to\.$/m,
    );
    assert.doesNotMatch(result.stderr, /\n\s+at /);
  });
});
