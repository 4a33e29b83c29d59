import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { HarnessConfig } from '../../lib/k6-and-node/harness-config.ts';
import { harnessBin, runCli } from '../support/run-cli.ts';

describe('auth0-harness tenant', () => {
  it('rejects a fixture file with a sentence naming the field, exit 2, no stack trace', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tenant-cli-'));
    try {
      const file = path.join(dir, 'fixture.json');
      writeFileSync(
        file,
        JSON.stringify({
          applications: [
            { clientId: 'a', name: 'A', appType: 'spa', tokenEndpointAuthMethod: 'magic', grantTypes: [] },
          ],
          apis: [],
        }),
      );
      const res = await runCli(['tenant', '--config', file]);
      assert.equal(res.code, 2);
      assert.match(res.stderr, /applications\[0\]\.tokenEndpointAuthMethod/);
      assert.match(res.stderr, /apis/);
      assert.doesNotMatch(res.stderr, /at .*\.ts:\d+/);
      const notJson = path.join(dir, 'broken.json');
      writeFileSync(notJson, '{');
      const broken = await runCli(['tenant', '--config', notJson]);
      assert.equal(broken.code, 2);
      assert.match(broken.stderr, /not valid JSON/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a non-loopback --host and a bad --port', async () => {
    assert.equal((await runCli(['tenant', '--host', '0.0.0.0'])).code, 2);
    assert.equal((await runCli(['tenant', '--port', 'eighty'])).code, 2);
  });

  it('writes a valid harness configuration (owner-only file) and serves until SIGTERM', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tenant-cli-'));
    const file = path.join(dir, 'harness.json');
    const child = spawn(process.execPath, [harnessBin, 'tenant', '--write-harness-config', file, '--faults'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d) => {
          out += d;
          const match = /listening on (\S+)/.exec(out);
          if (match) resolve(match[1]);
        });
        child.on('exit', () => reject(new Error(`tenant exited early: ${out}`)));
      });
      const config = HarnessConfig.parse(JSON.parse(readFileSync(file, 'utf8')));
      assert.equal(statSync(file).mode & 0o777, 0o600);
      assert.equal(config.baseUrl, url);
      assert.equal(config.localTenant?.controlUrl, `${url}/__tenant`);
      for (const method of [
        'none',
        'client_secret_post',
        'client_secret_basic',
        'private_key_jwt',
        'tls_client_auth',
        'device',
        'ciba',
      ] as const)
        assert.ok(config.clients[method], method);
      assert.ok(config.users.plain && config.users.mfa?.otpSecret && config.users.blocked);
      const { clientId, clientSecret } = config.clients.client_secret_basic!;
      const res = await fetch(`${url}/oauth/token`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ grant_type: 'client_credentials', audience: config.audience }),
      });
      assert.equal(res.status, 200);
      assert.equal(((await (await fetch(`${url}/__tenant/faults`)).json()) as { enabled: boolean }).enabled, true);
    } finally {
      const exited = new Promise((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('with --https, serves the mTLS endpoint aliases and writes the handshake client with its key', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tenant-cli-'));
    const file = path.join(dir, 'harness.json');
    const child = spawn(process.execPath, [harnessBin, 'tenant', '--https', '--write-harness-config', file], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const [url, mtlsUrl] = await new Promise<string[]>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d) => {
          out += d;
          const match = /listening on (\S+)[^]*mTLS endpoint aliases on (\S+)/.exec(out);
          if (match) resolve([match[1], match[2]]);
        });
        child.on('exit', () => reject(new Error(`tenant exited early: ${out}`)));
      });
      assert.match(mtlsUrl, /^https:\/\/127\.0\.0\.1:\d+$/);
      const discovery = (await (await fetch(`${url}/.well-known/openid-configuration`)).json()) as {
        mtls_endpoint_aliases: Record<string, string>;
      };
      assert.equal(discovery.mtls_endpoint_aliases.token_endpoint, `${mtlsUrl}/oauth/token`);
      const config = HarnessConfig.parse(JSON.parse(readFileSync(file, 'utf8')));
      assert.equal(config.insecureSkipTLSVerify, true);
      assert.match(config.clients.mtls_handshake?.certificatePem ?? '', /BEGIN CERTIFICATE/);
      assert.match(config.clients.mtls_handshake?.privateKeyPem ?? '', /BEGIN PRIVATE KEY/);
    } finally {
      const exited = new Promise((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
