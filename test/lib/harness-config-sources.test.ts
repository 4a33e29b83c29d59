import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { hasEnvConfig } from '../../cli/harness-config-env.ts';
import { loadHarnessConfig } from '../../cli/harness-config-file.ts';
import { UsageError } from '../../cli/usage-error.ts';
import { loginSteps } from '../../lib/login-description.ts';

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
    // Left out, the alg follows the key and what the provider accepts, once discovery is read.
    assert.equal(config.clients.private_key_jwt?.alg, undefined);
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

  it('refuses a key that is not usable PKCS#8 and an alg that does not fit the key, saying how to fix each', () => {
    const pkcs1 = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
      format: 'pem',
      type: 'pkcs1',
    });
    writeFileSync(path.join(dir, 'pkcs1.key'), pkcs1);
    const keyProblem = problemsOf(() =>
      loadHarnessConfig({
        file: file('pkcs1.json', {
          baseUrl: 'https://t.eu.auth0.com',
          audience: 'https://api/',
          clients: { private_key_jwt: { clientId: 'pkj', privateKeyFile: 'pkcs1.key' } },
        }),
        env: {},
      }),
    );
    assert.match(
      keyProblem,
      /clients\.private_key_jwt\.privateKeyPem: the key is a PKCS#1 RSA key: convert it to PKCS#8 \(openssl pkcs8 -topk8 -nocrypt/,
    );
    const algProblem = problemsOf(() =>
      loadHarnessConfig({
        file: file('alg.json', {
          baseUrl: 'https://t.eu.auth0.com',
          audience: 'https://api/',
          clients: { private_key_jwt: { clientId: 'pkj', privateKeyFile: 'client.key', alg: 'ES256' } },
        }),
        env: {},
      }),
    );
    assert.match(
      algProblem,
      /clients\.private_key_jwt\.alg: ES256 does not fit an RSA key; use RS256, PS256, RS384, PS384, RS512, PS512, or leave alg out to sign with RS256/,
    );
  });

  it('refuses a login description with an unknown field, a form named by nothing or a value the driver cannot fill', () => {
    const message = problemsOf(() =>
      loadHarnessConfig({
        file: file('login.json', {
          baseUrl: 'https://op.example',
          audience: 'https://api/',
          profile: 'oidc',
          login: {
            preset: 'keycloak',
            steps: [
              { name: 'login', form: { selector: 'form#kc' }, fields: { username: '{user}' } },
              { name: 'consent', form: {} },
            ],
          },
        }),
        env: {},
      }),
    );
    assert.match(message, /login\.preset: .*universal-login.*oidc-provider-dev-interactions/);
    assert.match(
      message,
      /login\.steps\.0\.form: unknown field "selector"; the fields here are hasField, actionContains and id/,
    );
    assert.match(
      message,
      /login\.steps\.0\.fields\.username: \{user\} is not a value the driver fills in; use \{username\}, \{password\}, \{otp\}/,
    );
    assert.match(message, /login\.steps\.1\.form: name the form by at least one of hasField, actionContains or id/);
  });

  it('takes a login preset, with steps of its own after it', () => {
    const config = loadHarnessConfig({
      file: file('login-ok.json', {
        baseUrl: 'https://op.example',
        audience: 'https://api/',
        profile: 'oidc',
        clients: {},
        login: {
          preset: 'oidc-provider-dev-interactions',
          steps: [{ name: 'terms', form: { actionContains: '/terms' }, fields: { accept: 'yes' } }],
        },
      }),
      env: {},
    });
    const steps = loginSteps(config.login, 'oidc', false);
    assert.deepEqual(
      steps?.map((s) => s.name),
      ['login', 'consent', 'logout confirmation', 'terms'],
    );
    assert.equal(loginSteps(undefined, 'oidc', false), undefined, 'the oidc profile has no default login pages');
    assert.deepEqual(
      loginSteps(undefined, 'auth0', false)?.map((s) => s.name),
      ['login', 'one-time code'],
    );
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
