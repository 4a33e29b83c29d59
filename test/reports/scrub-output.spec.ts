import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { gunzipSync, gzipSync } from 'node:zlib';
import { HarnessConfig } from '../../lib/k6-and-node/harness-config.ts';
import { knownSecrets, scrubKnownSecrets } from '../../reports/known-secrets.ts';
import { scrubOutputFolder } from '../../reports/scrub-output.ts';

const pem = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();
const config = HarnessConfig.parse({
  baseUrl: 'http://127.0.0.1:1',
  issuer: 'http://127.0.0.1:1/',
  audience: 'https://api.example/',
  customDomainApiKey: 'cname-key-0123456789',
  clients: {
    client_secret_basic: { clientId: 'm2m basic', clientSecret: 'sec+ret/with=specials' },
    private_key_jwt: { clientId: 'pkjwt', privateKeyPem: pem },
  },
  users: { plain: { username: 'ann@example.com', password: 'correct horse battery' } },
});
const secrets = knownSecrets(config);
const keyLine = pem.split('\n')[5];

describe('known secrets', () => {
  it('finds a secret in the forms it travels in: as is, form-encoded, JSON-escaped, inside HTTP Basic', () => {
    const basic = Buffer.from('m2m%20basic:sec%2Bret%2Fwith%3Dspecials').toString('base64');
    const text = [
      'sec+ret/with=specials',
      encodeURIComponent('sec+ret/with=specials'),
      `Basic ${basic}`,
      JSON.stringify({ key: pem }),
      'correct horse battery',
      'cname-key-0123456789',
    ].join(' | ');
    const out = scrubKnownSecrets(text, secrets);
    for (const leak of ['sec+ret', 'sec%2Bret', basic, keyLine, 'horse battery', 'cname-key-0123456789'])
      assert.ok(!out.includes(leak), `${leak} survived: ${out}`);
    assert.match(out, /\[redacted client_secret, 21 chars\]/);
    assert.match(out, /\[redacted password, 21 chars\]/);
  });
});

describe('known secrets of mutual TLS by handshake', () => {
  it("are the client certificate's private key, line by line, and its password; not the certificate", () => {
    const handshake = HarnessConfig.parse({
      baseUrl: 'http://127.0.0.1:1',
      issuer: 'http://127.0.0.1:1/',
      audience: 'https://api.example/',
      clients: {
        mtls_handshake: {
          clientId: 'handshake',
          certificatePem: '-----BEGIN CERTIFICATE-----\nMIIBcertificatebody0123456789\n-----END CERTIFICATE-----\n',
          privateKeyPem: pem,
          privateKeyPassword: 'key passphrase 42',
        },
      },
    });
    const out = scrubKnownSecrets(
      `${keyLine} | key passphrase 42 | MIIBcertificatebody0123456789`,
      knownSecrets(handshake),
    );
    assert.equal(
      out,
      '[redacted private_key, 64 chars] | [redacted private_key_password, 17 chars] | MIIBcertificatebody0123456789',
    );
  });
});

describe('the final scrub of out/', () => {
  const out = mkdtempSync(path.join(os.tmpdir(), 'scrub-'));
  after(() => rmSync(out, { recursive: true, force: true }));

  it('redacts known secrets, JWTs and key bodies in every file, gzipped ones included, and lists the files it changed', async () => {
    mkdirSync(path.join(out, 'raw'), { recursive: true });
    mkdirSync(path.join(out, 'allure-report', 'data'), { recursive: true });
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlc2lnbmF0dXJl';
    writeFileSync(
      path.join(out, 'summary.json'),
      JSON.stringify({ message: `server echoed correct horse battery and ${jwt}` }),
    );
    writeFileSync(path.join(out, 'clean.json'), '{"ok":true}');
    writeFileSync(
      path.join(out, 'raw', 'metrics.ndjson.gz'),
      gzipSync(`{"a":1}\n{"tags":{"url":"http://x/?k=cname-key-0123456789"}}\n`),
    );
    writeFileSync(path.join(out, 'allure-report', 'app.js'), `var x="${keyLine}";`);
    writeFileSync(path.join(out, 'allure-report', 'data', 'a.txt'), jwt);
    const changed = await scrubOutputFolder(out, secrets);
    assert.deepEqual(
      changed.sort(),
      ['allure-report/app.js', 'allure-report/data/a.txt', 'raw/metrics.ndjson.gz', 'summary.json']
        .map((p) => p.split('/').join(path.sep))
        .sort(),
    );
    const summary = readFileSync(path.join(out, 'summary.json'), 'utf8');
    assert.ok(!summary.includes('horse') && !summary.includes(jwt));
    assert.match(summary, /\[redacted jwt, \d+ chars\]/);
    const metrics = gunzipSync(readFileSync(path.join(out, 'raw', 'metrics.ndjson.gz'))).toString();
    assert.equal(metrics, '{"a":1}\n{"tags":{"url":"http://x/?k=[redacted cname-api-key, 20 chars]"}}\n');
    assert.ok(!readFileSync(path.join(out, 'allure-report', 'app.js'), 'utf8').includes(keyLine));
    assert.equal(readFileSync(path.join(out, 'clean.json'), 'utf8'), '{"ok":true}');
  });
});
