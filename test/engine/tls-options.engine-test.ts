// k6's TLS options on the engine: tlsAuth (which client certificate reaches which server),
// tlsVersion, tlsCipherSuites, and the errors k6 gives for what it refuses. What k6 does was read in
// its source (lib/options.go, internal/js/runner.go) and Go's crypto/tls client: see
// engine/wire/tls-client.ts.
import assert from 'node:assert/strict';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { after, before, describe, it } from 'node:test';
import { CertificateAuthority, type KeyedCertificate } from '../../tenant/x509-certificates.ts';
import { runScript, WRITE_SUMMARY } from './run-script.ts';

const ca = await CertificateAuthority.create('engine test CA');
const serverCertificate = await ca.issue('CN=localhost', 'server', [{ type: 'ip', value: '127.0.0.1' }]);
const first = await ca.issue('CN=first client', 'client');
const second = await ca.issue('CN=second client', 'client');
const fingerprint = (c: KeyedCertificate) => new X509Certificate(c.certificatePem).fingerprint256;

interface TlsServer {
  url: string;
  close(): void;
}

/** An HTTPS server answering, in JSON, which client certificate (if any) the handshake carried. */
async function tlsServer(options: https.ServerOptions = {}): Promise<TlsServer> {
  const server = https.createServer(
    { key: serverCertificate.privateKeyPem, cert: serverCertificate.certificatePem, ...options },
    (req, res) => {
      const presented = (req.socket as TLSSocket).getPeerCertificate();
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ certificate: presented?.fingerprint256 ?? null }));
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

/** Servers that ask for a client certificate without naming CAs (as the local tenant's mTLS listener does). */
const asking = { requestCert: true, rejectUnauthorized: false };

const tlsAuth = (...entries: (KeyedCertificate & { domains?: string[]; password?: string })[]) =>
  JSON.stringify(
    entries.map(({ certificatePem, privateKeyPem, domains, password }) => ({
      domains,
      cert: certificatePem,
      key: privateKeyPem,
      password,
    })),
  );

const run = (body: string, options: string) =>
  runScript(
    `import http from 'k6/http';
export const options = ${options};
export default async function () {
${body}
}
${WRITE_SUMMARY}`,
  );

/** The certificate each server saw, as the script logged it. */
const presented = `for (const url of __ENV.URLS.split(' ')) console.log(JSON.parse((await http.asyncRequest('GET', url)).body).certificate);`;

const warnings = (stderr: string) =>
  stderr
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l))
    .filter((l) => l.level === 'warning')
    .map((l) => l.msg as string);

describe("the engine's TLS options, as k6 reads them", () => {
  let one: TlsServer;
  let another: TlsServer;
  before(async () => {
    one = await tlsServer(asking);
    another = await tlsServer(asking);
  });
  after(() => {
    one.close();
    another.close();
  });

  const withUrls = (options: string, urls: string[]) =>
    run(`__ENV.URLS = ${JSON.stringify(urls.join(' '))};\n${presented}`, options);

  it('presents the tlsAuth certificate to every server that asks, whatever its domains say, and warns as k6 does that domains are unused', async () => {
    const r = await withUrls(
      `{ iterations: 1, insecureSkipTLSVerify: true, tlsAuth: ${tlsAuth({ ...first, domains: ['example.com'] })} }`,
      [one.url, another.url],
    );
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.consoleLines, [fingerprint(first), fingerprint(first)]);
    assert.equal(warnings(r.stderr).filter((w) => w.startsWith('tlsAuth.domains option could be removed')).length, 1);
  });

  it('presents the first certificate when tlsAuth lists several (both are acceptable to a server that names no CA)', async () => {
    const r = await withUrls(`{ iterations: 1, insecureSkipTLSVerify: true, tlsAuth: ${tlsAuth(second, first)} }`, [
      one.url,
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.consoleLines, [fingerprint(second)]);
  });

  it('decrypts a legacy encrypted PEM key with its password, as k6 does', async () => {
    const encrypted = createPrivateKey(first.privateKeyPem)
      .export({ type: 'sec1', format: 'pem', cipher: 'aes-256-cbc', passphrase: 's3cret' })
      .toString();
    const r = await withUrls(
      `{ iterations: 1, insecureSkipTLSVerify: true, tlsAuth: ${tlsAuth({ ...first, privateKeyPem: encrypted, password: 's3cret' })} }`,
      [one.url],
    );
    assert.deepEqual(r.consoleLines, [fingerprint(first)], r.stderr);
  });

  it('fails a request whose server refuses to go on without a certificate with k6\'s code 1010 "remote error: tls: certificate required"', async () => {
    const requiring = await tlsServer({ requestCert: true, rejectUnauthorized: true, ca: ca.certificatePem });
    try {
      const r = await run(
        `const res = await http.asyncRequest('GET', '${requiring.url}/');
console.log(res.status + ' ' + res.error_code + ' ' + res.error);`,
        `{ iterations: 1, insecureSkipTLSVerify: true }`,
      );
      assert.deepEqual(r.consoleLines, ['0 1010 remote error: tls: certificate required'], r.stderr);
    } finally {
      requiring.close();
    }
  });

  it('reports the TLS version and cipher suite agreed in res.tls_version, res.tls_cipher_suite and the tls_version tag', async () => {
    const r = await run(
      `const res = await http.asyncRequest('GET', '${one.url}/', null, { tags: { name: 'tls' } });
console.log(res.tls_version + ' ' + res.tls_cipher_suite);
const plain = await http.asyncRequest('GET', 'http://127.0.0.1:9/');
console.log(JSON.stringify(plain.tls_version));`,
      `{ iterations: 1, insecureSkipTLSVerify: true, thresholds: { 'http_reqs{tls_version:tls1.3}': ['count==1'] } }`,
    );
    assert.deepEqual(r.consoleLines, ['tls1.3 TLS_AES_256_GCM_SHA384', '""'], r.stderr);
    assert.equal(r.summary.metrics['http_reqs{tls_version:tls1.3}'].values.count, 1);
  });

  it('agrees the version tlsVersion names and the TLS 1.2 suite tlsCipherSuites lists', async () => {
    const r = await run(
      `const res = await http.asyncRequest('GET', '${one.url}/');
console.log(res.tls_version + ' ' + res.tls_cipher_suite);`,
      `{ iterations: 1, insecureSkipTLSVerify: true, tlsVersion: 'tls1.2', tlsCipherSuites: ['TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256'] }`,
    );
    assert.deepEqual(r.consoleLines, ['tls1.2 TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256'], r.stderr);
  });

  it('keeps offering TLS 1.3 with its own suites when tlsCipherSuites lists only TLS 1.2 ones, as Go does', async () => {
    const r = await run(
      `const res = await http.asyncRequest('GET', '${one.url}/');
console.log(res.tls_version);`,
      `{ iterations: 1, insecureSkipTLSVerify: true, tlsCipherSuites: ['TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256'] }`,
    );
    assert.deepEqual(r.consoleLines, ['tls1.3'], r.stderr);
  });

  it('fails with "remote error: tls: protocol version not supported" when tlsVersion asks more than the server offers', async () => {
    const old = await tlsServer({ maxVersion: 'TLSv1.2' });
    try {
      const r = await run(
        `const res = await http.asyncRequest('GET', '${old.url}/');
console.log(res.error_code + ' ' + res.error);`,
        `{ iterations: 1, insecureSkipTLSVerify: true, tlsVersion: { min: 'tls1.3' } }`,
      );
      assert.deepEqual(r.consoleLines, ['1010 remote error: tls: protocol version not supported'], r.stderr);
    } finally {
      old.close();
    }
  });

  describe('refuses what k6 refuses, with its words and exit code 104', () => {
    const refused = async (options: string, expected: string) => {
      const r = await run(`await http.asyncRequest('GET', '${one.url}/');`, `{ iterations: 1, ${options} }`);
      assert.equal(r.code, 104, r.stderr);
      assert.match(r.stderr, new RegExp(expected.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    };

    it('an unknown tlsVersion', () => refused(`tlsVersion: 'tls1.5'`, "tlsVersion: unknown TLS version 'tls1.5'"));

    it('an unknown bound of tlsVersion', () =>
      refused(`tlsVersion: { min: 'tls1.2', max: 'ssl3.0' }`, "tlsVersion.max: unknown TLS version 'ssl3.0'"));

    it('an unknown cipher suite', () =>
      refused(`tlsCipherSuites: ['TLS_FOO']`, "tlsCipherSuites: unknown cipher suite 'TLS_FOO'"));

    it('a key that does not belong to the certificate', () =>
      refused(
        `tlsAuth: ${tlsAuth({ ...first, privateKeyPem: second.privateKeyPem })}`,
        'tlsAuth[0].key: tls: private key does not match public key',
      ));

    it('a wrong password', () => {
      const encrypted = createPrivateKey(first.privateKeyPem)
        .export({ type: 'sec1', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'right' })
        .toString();
      return refused(
        `tlsAuth: ${tlsAuth({ ...first, privateKeyPem: encrypted, password: 'wrong' })}`,
        'tlsAuth[0].password: x509: decryption password incorrect',
      );
    });

    it('an encrypted PKCS#8 key, which k6 cannot decrypt', () => {
      const encrypted = createPrivateKey(first.privateKeyPem)
        .export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pw' })
        .toString();
      return refused(
        `tlsAuth: ${tlsAuth({ ...first, privateKeyPem: encrypted, password: 'pw' })}`,
        'tlsAuth[0].key: encrypted pkcs8 formatted key is not supported',
      );
    });
  });
});
