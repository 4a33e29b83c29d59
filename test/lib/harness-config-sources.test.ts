import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { hasEnvConfig } from '../../cli/harness-config-env.ts';
import { loadHarnessConfig } from '../../cli/harness-config-file.ts';
import { UsageError } from '../../cli/usage-error.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'harness-config-'));
const pem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
  format: 'pem',
  type: 'pkcs8',
}) as string;
writeFileSync(path.join(dir, 'client.key'), pem);
const file = (name: string, json: unknown) => {
  const p = path.join(dir, name);
  writeFileSync(p, JSON.stringify(json));
  return p;
};
const problemsOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof UsageError, `expected a usage error, got ${error}`);
    return error.message;
  }
  assert.fail('expected the configuration to be refused');
};

describe('harness configuration for a real tenant', () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a private key file named relative to the config file, and defaults the issuer to the domain with a slash', () => {
    const config = loadHarnessConfig({
      file: file('ok.json', {
        baseUrl: 'https://t.eu.auth0.com',
        audience: 'https://api/',
        clients: { private_key_jwt: { clientId: 'pkj', privateKeyFile: 'client.key' } },
      }),
      env: {},
    });
    assert.equal(config.issuer, 'https://t.eu.auth0.com/');
    assert.equal(config.clients.private_key_jwt?.privateKeyPem, pem);
    assert.equal(config.clients.private_key_jwt?.alg, 'RS256');
  });

  it('takes every field from AUTH0_HARNESS_* variables, over the file, and the command line over both', () => {
    const env = {
      AUTH0_HARNESS_BASE_URL: 'https://from-env.auth0.com',
      AUTH0_HARNESS_AUDIENCE: 'https://api.env/',
      AUTH0_HARNESS_CLIENT_SECRET_POST_CLIENT_ID: 'post',
      AUTH0_HARNESS_CLIENT_SECRET_POST_CLIENT_SECRET: 'secret-from-env',
      AUTH0_HARNESS_PRIVATE_KEY_JWT_CLIENT_ID: 'pkj',
      AUTH0_HARNESS_PRIVATE_KEY_JWT_KEY_FILE: path.join(dir, 'client.key'),
      AUTH0_HARNESS_USER_PLAIN_USERNAME: 'qa@example.com',
      AUTH0_HARNESS_USER_PLAIN_PASSWORD: 'pw-from-env',
      AUTH0_HARNESS_CNAME_API_KEY: 'cname',
    };
    assert.equal(hasEnvConfig(env), true);
    const config = loadHarnessConfig({
      file: file('partial.json', { audience: 'https://api.file/' }),
      env,
      overrides: { baseUrl: 'https://from-cli.auth0.com', profile: 'oidc' },
    });
    assert.equal(config.baseUrl, 'https://from-cli.auth0.com');
    assert.equal(config.audience, 'https://api.env/');
    assert.equal(config.profile, 'oidc');
    assert.deepEqual(config.clients.client_secret_post, { clientId: 'post', clientSecret: 'secret-from-env' });
    assert.equal(config.clients.private_key_jwt?.privateKeyPem, pem);
    assert.equal(config.users.plain?.password, 'pw-from-env');
    assert.equal(config.customDomainApiKey, 'cname');
    assert.equal(hasEnvConfig({ PATH: '/usr/bin' }), false);
  });

  it('reports every problem at once, by field, with the variable that would fix it', () => {
    const message = problemsOf(() =>
      loadHarnessConfig({
        file: file('bad.json', {
          baseUrl: 'not a url',
          clients: {
            client_secret_basic: { clientId: 'b' },
            private_key_jwt: { clientId: 'pkj', privateKeyFile: 'missing.key' },
            tls_client_auth: { clientId: 'm', certificatePem: 'nope' },
          },
        }),
        env: {},
      }),
    );
    assert.match(message, /baseUrl: /);
    assert.match(message, /audience: .*AUTH0_HARNESS_AUDIENCE/);
    assert.match(
      message,
      /clients\.client_secret_basic\.clientSecret: .*AUTH0_HARNESS_CLIENT_SECRET_BASIC_CLIENT_SECRET/,
    );
    assert.match(message, /clients\.private_key_jwt\.privateKeyFile: .*missing\.key does not exist/);
    assert.match(message, /clients\.tls_client_auth\.certificatePem: expected a PEM certificate/);
    assert.ok(message.split('\n  - ').length >= 5, message);
  });

  it('names the flag when the file is missing or not JSON', () => {
    assert.match(
      problemsOf(() => loadHarnessConfig({ file: path.join(dir, 'nope.json') })),
      /^--config: .*nope\.json does not exist/,
    );
    writeFileSync(path.join(dir, 'broken.json'), '{');
    assert.match(
      problemsOf(() => loadHarnessConfig({ file: path.join(dir, 'broken.json') })),
      /^--config: .*is not valid JSON/,
    );
  });
});
