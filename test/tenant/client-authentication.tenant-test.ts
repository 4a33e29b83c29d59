import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { HarnessConfig } from '../../lib/k6-and-node/harness-config.ts';
import { startTenant, type RunningTenant } from '../../tenant/start-tenant.ts';
import { parseCertificate } from '../../tenant/x509-certificates.ts';
import { basic, clientAssertion, configOf, decodeJwt, mtlsHeaders, postForm, postJson } from './tenant-requests.ts';

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

const nowS = () => Math.floor(Date.now() / 1000);

describe('local tenant: client authentication at /oauth/token (docs/auth0-api.md §5)', () => {
  let tenant: RunningTenant;
  let config: HarnessConfig;
  let token: string;
  before(async () => {
    tenant = await startTenant();
    config = configOf(tenant);
    token = `${tenant.url}/oauth/token`;
  });
  after(() => tenant.close());
  const cc = () => ({ grant_type: 'client_credentials', audience: config.audience });

  describe('client_secret_post', () => {
    it('accepts the secret in a form body and in a JSON body', async () => {
      const { clientId, clientSecret } = config.clients.client_secret_post!;
      assert.equal((await postForm(token, { ...cc(), client_id: clientId, client_secret: clientSecret })).status, 200);
      assert.equal((await postJson(token, { ...cc(), client_id: clientId, client_secret: clientSecret })).status, 200);
    });
    it('refuses a missing secret and the secret sent as Basic with 401 access_denied "Unauthorized"', async () => {
      const { clientId, clientSecret } = config.clients.client_secret_post!;
      for (const res of [
        await postForm(token, { ...cc(), client_id: clientId }),
        await postForm(token, cc(), basic(clientId, clientSecret)),
      ]) {
        assert.equal(res.status, 401);
        assert.deepEqual(res.json, { error: 'access_denied', error_description: 'Unauthorized' });
      }
    });
    it('refuses an unknown client_id with 401', async () => {
      assert.equal((await postForm(token, { ...cc(), client_id: 'nobody', client_secret: 'x' })).status, 401);
    });
  });

  describe('client_secret_basic', () => {
    it('accepts the Authorization header', async () => {
      const { clientId, clientSecret } = config.clients.client_secret_basic!;
      assert.equal((await postForm(token, cc(), basic(clientId, clientSecret))).status, 200);
    });
    it('refuses a wrong secret and the secret sent in the body', async () => {
      const { clientId, clientSecret } = config.clients.client_secret_basic!;
      assert.equal((await postForm(token, cc(), basic(clientId, `${clientSecret}x`))).status, 401);
      assert.equal((await postForm(token, { ...cc(), client_id: clientId, client_secret: clientSecret })).status, 401);
    });
  });

  describe('private_key_jwt', () => {
    const withAssertion = (assertion: string) => ({
      ...cc(),
      client_id: config.clients.private_key_jwt!.clientId,
      client_assertion_type: ASSERTION_TYPE,
      client_assertion: assertion,
    });
    it('accepts an assertion with iss = sub = client_id, aud = issuer, short exp and a fresh jti', async () => {
      const res = await postForm(token, withAssertion(await clientAssertion(config)));
      assert.equal(res.status, 200, res.text);
    });
    it('accepts the assertion without client_id in the body (client found from iss)', async () => {
      const res = await postForm(token, {
        ...cc(),
        client_assertion_type: ASSERTION_TYPE,
        client_assertion: await clientAssertion(config),
      });
      assert.equal(res.status, 200, res.text);
    });
    const refusals: Array<[string, () => Promise<string>, RegExp]> = [
      ['the wrong audience', () => clientAssertion(config, { aud: 'https://elsewhere.example/' }), /aud/],
      ['an expired assertion', () => clientAssertion(config, { exp: Math.floor(Date.now() / 1000) - 120 }), /expired/],
      [
        'exp more than 5 minutes ahead',
        () => clientAssertion(config, { exp: Math.floor(Date.now() / 1000) + 600 }),
        /5 minutes/,
      ],
      ['iss different from client_id', () => clientAssertion(config, { iss: 'someone-else' }), /iss/],
      ['sub different from client_id', () => clientAssertion(config, { sub: 'someone-else' }), /sub/],
      ['an algorithm other than the registered one', () => clientAssertion(config, {}, 'RS384'), /RS256/],
      ['a jti over 64 characters', () => clientAssertion(config, { jti: 'j'.repeat(65) }), /64/],
      ['an assertion over 2,048 bytes', () => clientAssertion(config, { padding: 'x'.repeat(2100) }), /2048/],
      ['a bad signature', async () => `${await clientAssertion(config)}x`, /signature|Invalid/],
      // Auth0 tolerates 10 s of clock skew on iat and nbf, and 5 minutes of lifetime (docs/auth0-api.md §5).
      ...[60, 120, 290].map((ahead): [string, () => Promise<string>, RegExp] => [
        `iat ${ahead} s in the future`,
        () => clientAssertion(config, { iat: nowS() + ahead, exp: nowS() + ahead + 60 }),
        /"iat".*future/,
      ]),
      ['iat in milliseconds', () => clientAssertion(config, { iat: Date.now() }), /milliseconds/],
      [
        'a lifetime (exp - iat) over 5 minutes, exp within 5 minutes of now',
        () => clientAssertion(config, { iat: nowS() - 120, exp: nowS() + 240 }),
        /no more than 5 minutes after "iat"/,
      ],
    ];
    for (const [what, make, description] of refusals) {
      it(`refuses ${what} with 401 invalid_client`, async () => {
        const res = await postForm(token, withAssertion(await make()));
        assert.equal(res.status, 401);
        assert.equal(res.json.error, 'invalid_client');
        assert.match(res.json.error_description, description);
      });
    }
    it('accepts iat and nbf within the 10 s of clock skew Auth0 allows', async () => {
      const res = await postForm(
        token,
        withAssertion(await clientAssertion(config, { iat: nowS() + 5, nbf: nowS() + 5, exp: nowS() + 65 })),
      );
      assert.equal(res.status, 200, res.text);
    });
    it('refuses a replayed jti (single use)', async () => {
      const assertion = await clientAssertion(config);
      assert.equal((await postForm(token, withAssertion(assertion))).status, 200);
      const replay = await postForm(token, withAssertion(assertion));
      assert.equal(replay.status, 401);
      assert.match(replay.json.error_description, /already been used/);
    });
    it('refuses a wrong client_assertion_type', async () => {
      const res = await postForm(token, {
        ...withAssertion(await clientAssertion(config)),
        client_assertion_type: 'urn:other',
      });
      assert.equal(res.status, 401);
    });
  });

  describe('tls_client_auth through the edge headers', () => {
    const mtlsClient = () => config.clients.tls_client_auth!;
    it('accepts a CA-verified certificate with the registered subject and binds the token (cnf.x5t#S256)', async () => {
      const res = await postForm(token, { ...cc(), client_id: mtlsClient().clientId }, mtlsHeaders(config));
      assert.equal(res.status, 200, res.text);
      const der = parseCertificate(mtlsClient().certificatePem)!.der;
      assert.deepEqual(decodeJwt(res.json.access_token).payload.cnf, {
        'x5t#S256': createHash('sha256').update(der).digest('base64url'),
      });
    });
    it('refuses a wrong cname-api-key, a FAILED CA verdict, a missing or garbled certificate', async () => {
      const cases = [
        mtlsHeaders(config, { 'cname-api-key': 'wrong' }),
        mtlsHeaders(config, { 'client-certificate-ca-verified': 'FAILED' }),
        mtlsHeaders(config, {
          'client-certificate': encodeURIComponent('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----'),
        }),
        {},
      ];
      for (const headers of cases) {
        const res = await postForm(token, { ...cc(), client_id: mtlsClient().clientId }, headers);
        assert.equal(res.status, 401);
        assert.equal(res.json.error, 'invalid_client');
      }
    });
  });

  describe('none (public applications)', () => {
    it('lets a public client use a user grant with its client_id only', async () => {
      const user = config.users.plain!;
      const res = await postForm(token, {
        grant_type: 'password',
        client_id: config.clients.none!.clientId,
        username: user.username,
        password: user.password,
      });
      assert.equal(res.status, 200, res.text);
    });
    it('refuses client_credentials for a public client: grant not allowed', async () => {
      const res = await postForm(token, { ...cc(), client_id: config.clients.none!.clientId });
      assert.equal(res.status, 403);
      assert.equal(res.json.error, 'unauthorized_client');
      assert.equal(res.json.error_description, "Grant type 'client_credentials' not allowed for the client.");
    });
  });
});
