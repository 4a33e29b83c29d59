import assert from 'node:assert/strict';
import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { hasEnvConfig } from '../../cli/harness-config-env.ts';
import { resolveHarnessConfig, type HarnessConfigSources } from '../../cli/harness-config-sources.ts';
import { UsageError } from '../../cli/usage-error.ts';
import { loginSteps } from '../../lib/k6-and-node/login-description.ts';
import { testCertificatePem, testPrivateKeyPem } from '../support/test-certificate.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'harness-config-'));
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pem = rsa.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
const KEYS = {
  'client.key': pem,
  'pkcs1.key': rsa.privateKey.export({ format: 'pem', type: 'pkcs1' }) as string,
  // What the issue saw: valid PEM markers, garbage inside (k6 failed with "DataError: Invalid keyData").
  'garbage.key': '-----BEGIN PRIVATE KEY-----\nZ2FyYmFnZSBnYXJiYWdlIGdhcmJhZ2U=\n-----END PRIVATE KEY-----\n',
  'public.pem': rsa.publicKey.export({ format: 'pem', type: 'spki' }) as string,
  'certificate.pem': testCertificatePem(),
  'chain.pem': testCertificatePem() + testCertificatePem(),
  'ec.key': generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'pem', type: 'pkcs8' }),
  'ed25519.key': generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }),
  'ed448.key': generateKeyPairSync('ed448').privateKey.export({ format: 'pem', type: 'pkcs8' }),
  'short.key': generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'pem', type: 'pkcs8' }),
  'encrypted.key': rsa.privateKey.export({ format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: 'pw' }),
  'not-pem.key': 'just some text\n',
  'certificate.key': testPrivateKeyPem(),
  'legacy-encrypted.key': createPrivateKey(testPrivateKeyPem())
    .export({ format: 'pem', type: 'pkcs1', cipher: 'aes-256-cbc', passphrase: 'sesame' })
    .toString(),
};
for (const [name, content] of Object.entries(KEYS)) writeFileSync(path.join(dir, name), content);
mkdirSync(path.join(dir, 'a-folder.key'));

const file = (name: string, json: unknown) => {
  const p = path.join(dir, name);
  writeFileSync(p, JSON.stringify(json));
  return p;
};
const base = { baseUrl: 'https://t.eu.auth0.com', audience: 'https://api/' };
const withClients = (clients: unknown, extra: object = {}) =>
  file(`config-${Math.random().toString(36).slice(2)}.json`, { ...base, ...extra, clients });
const problemsOf = async (sources: HarnessConfigSources): Promise<string> => {
  try {
    await resolveHarnessConfig({ env: {}, ...sources });
  } catch (error) {
    assert.ok(error instanceof UsageError, `expected a usage error, got ${(error as Error).stack}`);
    assert.doesNotMatch(error.message, /\n\s+at /, 'no stack trace');
    return error.message;
  }
  assert.fail('expected the configuration to be refused');
};
const keyProblem = (privateKeyFile: string, alg?: string) =>
  problemsOf({ file: withClients({ private_key_jwt: { clientId: 'pkj', privateKeyFile, ...(alg ? { alg } : {}) } }) });

describe('harness configuration for a real tenant', () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a private key file named relative to the config file, and defaults the issuer to the domain with a slash', async () => {
    const config = await resolveHarnessConfig({
      file: withClients({ private_key_jwt: { clientId: 'pkj', privateKeyFile: 'client.key' } }),
      env: {},
    });
    assert.equal(config.issuer, 'https://t.eu.auth0.com/');
    assert.equal(config.clients.private_key_jwt?.privateKeyPem, pem);
    // Left out, the alg follows the key and what the provider accepts, once discovery is read.
    assert.equal(config.clients.private_key_jwt?.alg, undefined);
  });

  it('takes every field from AUTH0_HARNESS_* variables, over the file, and the command line over both', async () => {
    const env = {
      AUTH0_HARNESS_BASE_URL: 'https://from-cli.auth0.com',
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
    const config = await resolveHarnessConfig({
      file: file('partial.json', { audience: 'https://api.file/' }),
      env,
      flags: { baseUrl: 'https://from-cli.auth0.com', profile: 'oidc' },
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

  it('reports every problem at once, by field, with the variable that would fix it', async () => {
    const message = await problemsOf({
      file: file('bad.json', {
        baseUrl: 'not a url',
        clients: {
          client_secret_basic: { clientId: 'b' },
          private_key_jwt: { clientId: 'pkj', privateKeyFile: 'missing.key' },
          tls_client_auth: { clientId: 'm', certificatePem: 'nope' },
        },
      }),
    });
    assert.match(message, /^the harness configuration \(--config .*bad\.json\) has 5 problems:\n/);
    assert.match(message, /\n {2}- baseUrl: expected an absolute http\(s\) URL, not "not a url"\.\n/);
    assert.match(message, /\n {2}- audience: missing; add it to the --config file, or set AUTH0_HARNESS_AUDIENCE\./);
    assert.match(
      message,
      /clients\.client_secret_basic\.clientSecret: missing; add it to the --config file, or set AUTH0_HARNESS_CLIENT_SECRET_BASIC_CLIENT_SECRET\./,
    );
    assert.match(
      message,
      /clients\.private_key_jwt\.privateKeyFile: .*missing\.key does not exist; give the path of a PEM private key\./,
    );
    assert.match(message, /clients\.tls_client_auth\.certificatePem: holds no PEM certificate; give a PEM certificate/);
  });

  it('refuses a key file whose PEM markers hold garbage, before anything runs', async () => {
    assert.match(
      await keyProblem('garbage.key'),
      /clients\.private_key_jwt\.privateKeyFile: .*garbage\.key has PEM markers but its content is not a readable private key \(damaged or truncated\); export the key again\./,
    );
  });

  it('names what a key file holds when it is not a private key: a public key, a certificate, no PEM', async () => {
    assert.match(
      await keyProblem('public.pem'),
      /public\.pem holds a public key, not a private key; give the PEM private key/,
    );
    assert.match(await keyProblem('certificate.pem'), /certificate\.pem holds a certificate, not a private key/);
    assert.match(await keyProblem('not-pem.key'), /not-pem\.key holds no PEM private key/);
    assert.match(
      await keyProblem('encrypted.key'),
      /encrypted\.key is encrypted with a passphrase; give it unencrypted/,
    );
  });

  it('refuses an alg that does not fit the key, and a short RSA key, naming the algorithms that fit', async () => {
    assert.match(
      await keyProblem('ec.key', 'RS256'),
      /clients\.private_key_jwt\.privateKeyFile: .*ec\.key is an EC P-256 key, which cannot sign RS256; set alg to one of ES256, or leave it out to sign with ES256\./,
    );
    assert.match(
      await keyProblem('short.key', 'PS256'),
      /short\.key is a 1024-bit RSA key; RS\* and PS\* need an RSA key of at least 2048 bits/,
    );
    assert.match(
      await keyProblem('client.key', 'ES256'),
      /client\.key is an RSA key, which cannot sign ES256; set alg to one of RS256, PS256, RS384, PS384, RS512, PS512, or leave it out to sign with RS256\./,
    );
    assert.match(
      await keyProblem('ed448.key'),
      /ed448\.key is an Ed448 key, which WebCrypto cannot sign with; give an RSA, EC/,
    );
  });

  it('takes EC and Ed25519 keys, whose algorithms are chosen from the key', async () => {
    for (const key of ['ec.key', 'ed25519.key']) {
      const config = await resolveHarnessConfig({
        file: withClients({ private_key_jwt: { clientId: 'pkj', privateKeyFile: key } }),
      });
      assert.match(config.clients.private_key_jwt!.privateKeyPem, /^-----BEGIN PRIVATE KEY-----/, key);
    }
  });

  it('refuses a login description with an unknown field, a form named by nothing or a value the driver cannot fill', async () => {
    const message = await problemsOf({
      file: withClients(
        {},
        {
          profile: 'oidc',
          login: {
            preset: 'keycloak',
            steps: [
              { name: 'login', form: { selector: 'form#kc' }, fields: { username: '{user}' } },
              { name: 'consent', form: {} },
            ],
          },
        },
      ),
    });
    assert.match(message, /login\.preset: .*universal-login.*oidc-provider-dev-interactions/);
    assert.match(message, /login\.steps\[0\]\.form\.selector: unknown field/);
    assert.match(
      message,
      /login\.steps\[0\]\.fields\.username: \{user\} is not a value the driver fills in; use \{username\}, \{password\}, \{otp\}/,
    );
    assert.match(message, /login\.steps\[1\]\.form: name the form by at least one of hasField, actionContains or id/);
  });

  it('takes a login preset, with steps of its own after it', async () => {
    const config = await resolveHarnessConfig({
      file: withClients(
        {},
        {
          profile: 'oidc',
          login: {
            preset: 'oidc-provider-dev-interactions',
            steps: [{ name: 'terms', form: { actionContains: '/terms' }, fields: { accept: 'yes' } }],
          },
        },
      ),
    });
    assert.deepEqual(
      loginSteps(config.login, 'oidc', false)?.map((s) => s.name),
      ['login', 'consent', 'logout confirmation', 'terms'],
    );
    assert.equal(loginSteps(undefined, 'oidc', false), undefined, 'the oidc profile has no default login pages');
    assert.deepEqual(
      loginSteps(undefined, 'auth0', false)?.map((s) => s.name),
      ['login', 'one-time code'],
    );
  });

  it('takes a PKCS#1 RSA key and hands k6 its PKCS#8 form, the one jose imports', async () => {
    const config = await resolveHarnessConfig({
      file: withClients({ private_key_jwt: { clientId: 'pkj', privateKeyFile: 'pkcs1.key', alg: 'RS384' } }),
    });
    assert.match(config.clients.private_key_jwt!.privateKeyPem, /^-----BEGIN PRIVATE KEY-----/);
    assert.ok(createPrivateKey(config.clients.private_key_jwt!.privateKeyPem).equals(rsa.privateKey));
  });

  it('refuses a key file that is missing, a folder, or given twice (file and PEM)', async () => {
    assert.match(await keyProblem('a-folder.key'), /a-folder\.key is a folder; give the path of a PEM private key\./);
    assert.match(
      await problemsOf({
        file: withClients({ private_key_jwt: { clientId: 'pkj', privateKeyFile: 'client.key', privateKeyPem: pem } }),
      }),
      /clients\.private_key_jwt\.privateKeyFile: give privateKeyFile or privateKeyPem, not both/,
    );
    assert.match(
      await problemsOf({ file: withClients({ private_key_jwt: { clientId: 'pkj' } }) }),
      /clients\.private_key_jwt\.privateKeyFile: missing; add it to the --config file \(the path of the file\), or set AUTH0_HARNESS_PRIVATE_KEY_JWT_KEY_FILE\./,
    );
  });

  it('refuses a certificate file with garbage, a private key, or a whole chain', async () => {
    const certificateProblem = (certificateFile: string) =>
      problemsOf({ file: withClients({ tls_client_auth: { clientId: 'm', certificateFile } }) });
    assert.match(await certificateProblem('garbage.key'), /garbage\.key holds a private key, not a certificate/);
    writeFileSync(path.join(dir, 'bad-cert.pem'), '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n');
    assert.match(
      await certificateProblem('bad-cert.pem'),
      /clients\.tls_client_auth\.certificateFile: .*bad-cert\.pem has PEM markers but its content is not a readable X\.509 certificate/,
    );
    assert.match(
      await certificateProblem('chain.pem'),
      /chain\.pem holds 2 certificates; give the one certificate alone/,
    );
  });

  it("reads mutual TLS by handshake's certificate and key files, from the file or AUTH0_HARNESS_MTLS_HANDSHAKE_*", async () => {
    const fromFile = await resolveHarnessConfig({
      file: withClients({
        mtls_handshake: { clientId: 'hs', certificateFile: 'certificate.pem', privateKeyFile: 'certificate.key' },
      }),
      env: {},
    });
    assert.equal(fromFile.clients.mtls_handshake?.certificatePem, `${testCertificatePem()}\n`);
    assert.equal(fromFile.clients.mtls_handshake?.privateKeyPem, testPrivateKeyPem());
    const fromEnv = await resolveHarnessConfig({
      file: file('base.json', base),
      env: {
        AUTH0_HARNESS_MTLS_HANDSHAKE_CLIENT_ID: 'hs',
        AUTH0_HARNESS_MTLS_HANDSHAKE_CERT_FILE: path.join(dir, 'certificate.pem'),
        AUTH0_HARNESS_MTLS_HANDSHAKE_KEY_FILE: path.join(dir, 'legacy-encrypted.key'),
        AUTH0_HARNESS_MTLS_HANDSHAKE_KEY_PASSWORD: 'sesame',
      },
    });
    assert.equal(fromEnv.clients.mtls_handshake?.privateKeyPassword, 'sesame');
    assert.match(fromEnv.clients.mtls_handshake?.privateKeyPem ?? '', /Proc-Type: 4,ENCRYPTED/);
  });

  it("refuses a handshake key that is not the certificate's, is encrypted without its password, or is encrypted PKCS#8", async () => {
    const handshakeProblem = (privateKeyFile: string, extra: object = {}) =>
      problemsOf({
        file: withClients({
          mtls_handshake: { clientId: 'hs', certificateFile: 'certificate.pem', privateKeyFile, ...extra },
        }),
      });
    assert.match(
      await handshakeProblem('client.key'),
      /clients\.mtls_handshake\.privateKeyFile: .*client\.key cannot be used with the certificate as k6 reads them \(tls: private key does not match public key\); give the certificate's own key/,
    );
    assert.match(await handshakeProblem('legacy-encrypted.key'), /the key is encrypted: give its password/);
    assert.match(
      await handshakeProblem('legacy-encrypted.key', { privateKeyPassword: 'wrong' }),
      /x509: decryption password incorrect/,
    );
    assert.match(
      await handshakeProblem('encrypted.key', { privateKeyPassword: 'pw' }),
      /encrypted pkcs8 formatted key is not supported/,
    );
    assert.match(await handshakeProblem('public.pem'), /public\.pem holds a public key, not a private key/);
  });

  it('refuses unknown keys at any depth, suggesting the key that was meant', async () => {
    const message = await problemsOf({
      file: file('typos.json', {
        ...base,
        audiance: 'x',
        clients: {
          client_secret_post: { clientId: 'a', clientSecrt: 's' },
          client_secret_jwt: { clientId: 'b' },
        },
        users: { plain: { username: 'u', password: 'p', otp: 'x' } },
      }),
    });
    assert.match(message, /\n {2}- audiance: unknown field; did you mean "audience"\?/);
    assert.match(message, /clients\.client_secret_post\.clientSecrt: unknown field; did you mean "clientSecret"\?/);
    assert.match(message, /clients\.client_secret_post\.clientSecret: missing/);
    assert.match(message, /clients\.client_secret_jwt: unknown field; did you mean "client_secret_post"\?/);
    assert.match(
      message,
      /users\.plain\.otp: unknown field; remove it \(known here: username, userId, password, otpSecret, recoveryCode\)\./,
    );
  });

  it('names the variable that set a bad value, and refuses a misspelt AUTH0_HARNESS_ variable', async () => {
    const message = await problemsOf({
      env: {
        AUTH0_HARNESS_BASE_URL: 'tenant.eu.auth0.com',
        AUTH0_HARNESS_AUDIENCE: 'https://api/',
        AUTH0_HARNESS_PRIVATE_KEY_JWT_CLIENT_ID: 'pkj',
        AUTH0_HARNESS_PRIVATE_KEY_JWT_KEY_FILE: path.join(dir, 'client.key'),
        AUTH0_HARNESS_PRIVATE_KEY_JWT_ALG: 'HS256',
        AUTH0_HARNESS_TLS_CLIENT_AUTH_CLIENT_ID: 'm',
        AUTH0_HARNESS_TLS_CLIENT_AUTH_CERT_FILE: 'no-such.pem',
        AUTH0_HARNESS_USER_PLAIN_USERNAM: 'qa@example.com',
      },
    });
    assert.match(message, /^the harness configuration \(AUTH0_HARNESS_\* variables\) has /);
    assert.match(message, /AUTH0_HARNESS_BASE_URL: expected an absolute http\(s\) URL, not "tenant\.eu\.auth0\.com"\./);
    assert.match(
      message,
      /AUTH0_HARNESS_PRIVATE_KEY_JWT_ALG: must be one of "RS256", "RS384", .*"EdDSA", "Ed25519", not "HS256"\./,
    );
    // A path from a variable is relative to where the CLI runs, not to a config file.
    assert.match(
      message,
      new RegExp(`AUTH0_HARNESS_TLS_CLIENT_AUTH_CERT_FILE: ${path.resolve('no-such.pem')} does not exist`),
    );
    assert.match(
      message,
      /AUTH0_HARNESS_USER_PLAIN_USERNAM: unknown variable; did you mean AUTH0_HARNESS_USER_PLAIN_USERNAME\?/,
    );
  });

  it('never quotes the value of a secret field', async () => {
    const message = await problemsOf({
      file: file('secrets.json', {
        ...base,
        clients: { client_secret_post: { clientId: 'a', clientSecret: '' } },
        users: { mfa: { username: 'u', password: 'p', otpSecret: 'hunter2-not-base32!' } },
      }),
    });
    assert.match(message, /clients\.client_secret_post\.clientSecret: must not be empty\./);
    assert.match(
      message,
      /users\.mfa\.otpSecret: expected the base32 secret of an OTP authenticator \(letters A-Z and digits 2-7\)\./,
    );
    assert.doesNotMatch(message, /hunter2/);
  });

  it('refuses a file whose baseUrl names another tenant than --target, whose secrets would go there', async () => {
    const message = await problemsOf({
      file: file('other-tenant.json', { ...base, clients: {} }),
      flags: { baseUrl: 'https://staging.eu.auth0.com' },
    });
    assert.match(
      message,
      /baseUrl: names https:\/\/t\.eu\.auth0\.com but --target is https:\/\/staging\.eu\.auth0\.com; .*make them agree/,
    );
    const same = await resolveHarnessConfig({
      file: file('same-tenant.json', { ...base, baseUrl: 'https://t.eu.auth0.com/', clients: {} }),
      flags: { baseUrl: 'https://t.eu.auth0.com' },
    });
    assert.equal(same.baseUrl, 'https://t.eu.auth0.com');
  });

  it('refuses a file that holds no JSON object, or is not JSON, naming the flag', async () => {
    assert.match(
      await problemsOf({ file: file('null.json', null) }),
      /^--config: .*null\.json holds null; it should hold a JSON object/,
    );
    assert.match(
      await problemsOf({ file: file('list.json', []) }),
      /^--config: .*list\.json holds a list; it should hold a JSON object/,
    );
    assert.match(await problemsOf({ file: path.join(dir, 'nope.json') }), /^--config: .*nope\.json does not exist/);
    writeFileSync(path.join(dir, 'broken.json'), '{');
    assert.match(
      await problemsOf({ file: path.join(dir, 'broken.json') }),
      /^--config: .*broken\.json is not valid JSON: .* at line 1, column 2/,
    );
  });
});
