import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { HarnessConfig } from '../../lib/k6-and-node/harness-config.ts';
import { startTenant, type RunningTenant } from '../../tenant/start-tenant.ts';
import { totp } from '../../lib/k6-and-node/totp.ts';
import { bearer, configOf, get, postForm, postJson } from './tenant-requests.ts';

describe('local tenant: account endpoints (docs/auth0-api.md §1.2, §3.6–3.9)', () => {
  let tenant: RunningTenant;
  let config: HarnessConfig;
  before(async () => {
    tenant = await startTenant();
    config = configOf(tenant);
  });
  after(() => tenant.close());
  const spa = () => config.clients.none!.clientId;
  const db = () => config.connections.database;

  describe('/dbconnections/signup', () => {
    it('creates a user (200, email_verified false) and emails a verification link that works', async () => {
      const res = await postJson(`${tenant.url}/dbconnections/signup`, {
        client_id: spa(),
        connection: db(),
        email: 'new@harness.local',
        password: 'Str0ngPassword',
      });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.json.email, 'new@harness.local');
      assert.equal(res.json.email_verified, false);
      assert.ok(res.json._id);
      const message = (await get(`${tenant.url}/__tenant/outbox?to=new@harness.local`)).json.messages[0];
      assert.equal(message.kind, 'verification');
      assert.equal((await get(message.link.replace(tenant.issuer, `${tenant.url}/`))).status, 200);
      const login = await postForm(`${tenant.url}/oauth/token`, {
        grant_type: 'password',
        client_id: spa(),
        username: 'new@harness.local',
        password: 'Str0ngPassword',
      });
      assert.equal(login.status, 200);
    });
    it('a duplicate is 400 user_exists (shape B)', async () => {
      const res = await postJson(`${tenant.url}/dbconnections/signup`, {
        client_id: spa(),
        connection: db(),
        email: config.users.plain!.username,
        password: 'Str0ngPassword',
      });
      assert.deepEqual(res.json, {
        name: 'BadRequestError',
        code: 'user_exists',
        description: 'The user already exists.',
        statusCode: 400,
      });
    });
    it('a weak password is 400 invalid_password / PasswordStrengthError with description.rules', async () => {
      const res = await postJson(`${tenant.url}/dbconnections/signup`, {
        client_id: spa(),
        connection: db(),
        email: 'weak@harness.local',
        password: 'weak',
      });
      assert.equal(res.status, 400);
      assert.equal(res.json.name, 'PasswordStrengthError');
      assert.equal(res.json.code, 'invalid_password');
      assert.equal(res.json.description.verified, false);
      assert.deepEqual(
        res.json.description.rules.map((r: { code: string }) => r.code),
        ['lengthAtLeast', 'containsAtLeast'],
      );
    });
    it('an unknown connection or missing email is a 400', async () => {
      assert.equal(
        (
          await postJson(`${tenant.url}/dbconnections/signup`, {
            client_id: spa(),
            connection: 'nope',
            email: 'x@harness.local',
            password: 'Str0ngPassword',
          })
        ).status,
        400,
      );
      assert.equal(
        (
          await postJson(`${tenant.url}/dbconnections/signup`, {
            client_id: spa(),
            connection: db(),
            password: 'Str0ngPassword',
          })
        ).status,
        400,
      );
    });
  });

  describe('/dbconnections/change_password', () => {
    it('answers the documented sentence and emails a reset link that changes the password', async () => {
      const email = config.users.plain!.username;
      const res = await postJson(`${tenant.url}/dbconnections/change_password`, {
        client_id: spa(),
        connection: db(),
        email,
      });
      assert.equal(res.status, 200);
      assert.equal(res.json, "We've just sent you an email to reset your password.");
      const message = (await get(`${tenant.url}/__tenant/outbox?to=${email}`)).json.messages.at(-1);
      assert.equal(message.kind, 'reset');
      const ticket = new URL(message.link).searchParams.get('ticket')!;
      assert.equal((await get(`${tenant.url}/lo/reset?ticket=${ticket}`)).status, 200);
      assert.equal((await postForm(`${tenant.url}/lo/reset`, { ticket, newPassword: 'An0therPassword' })).status, 200);
      const login = await postForm(`${tenant.url}/oauth/token`, {
        grant_type: 'password',
        client_id: spa(),
        username: email,
        password: 'An0therPassword',
      });
      assert.equal(login.status, 200);
    });
    it('answers 200 for an unknown email too (no account enumeration), without sending mail', async () => {
      const res = await postJson(`${tenant.url}/dbconnections/change_password`, {
        connection: db(),
        email: 'ghost@harness.local',
      });
      assert.equal(res.status, 200);
      assert.deepEqual((await get(`${tenant.url}/__tenant/outbox?to=ghost@harness.local`)).json.messages, []);
    });
  });

  describe('/passwordless/start errors (docs/auth0-api.md §3.7)', () => {
    const cases: Array<[string, Record<string, unknown>, string, string]> = [
      [
        'missing client_id',
        { connection: 'email', email: 'a@b.c' },
        'bad.client_id',
        'Missing required property: client_id',
      ],
      [
        'missing connection',
        { client_id: 'spa-public', email: 'a@b.c' },
        'bad.connection',
        'Missing required property: connection',
      ],
      [
        'unknown connection',
        { client_id: 'spa-public', connection: 'nope', email: 'a@b.c' },
        'bad.connection',
        'Connection does not exist',
      ],
      [
        'invalid phone',
        { client_id: 'spa-public', connection: 'sms', phone_number: '0044123' },
        'bad.phone_number',
        'String does not match pattern: ^\\+[0-9]{1,15}$',
      ],
      [
        'authParams as a string',
        { client_id: 'spa-public', connection: 'email', email: 'a@b.c', authParams: 'x' },
        'bad.authParams',
        'error in authParams - invalid type: string (expected object)',
      ],
      [
        'unknown property',
        { client_id: 'spa-public', connection: 'email', email: 'a@b.c', colour: 'red' },
        'bad.request',
        'the following properties are not allowed: colour',
      ],
    ];
    for (const [what, body, error, description] of cases) {
      it(`${what}: 400 ${error}`, async () => {
        const res = await postJson(`${tenant.url}/passwordless/start`, body);
        assert.equal(res.status, 400);
        assert.deepEqual(res.json, { error, error_description: description });
      });
    }
    it('a confidential client with a wrong secret is 401', async () => {
      const res = await postJson(`${tenant.url}/passwordless/start`, {
        client_id: config.clients.client_secret_post!.clientId,
        client_secret: 'nope',
        connection: 'email',
        email: 'a@b.c',
      });
      assert.equal(res.status, 401);
    });
  });

  describe('/userinfo', () => {
    it('a garbage or missing token is 401 with the plain-text body Unauthorized', async () => {
      for (const headers of [bearer('garbage'), {}]) {
        const res = await get(`${tenant.url}/userinfo`, headers);
        assert.equal(res.status, 401);
        assert.equal(res.text, 'Unauthorized');
      }
    });
    it('answers POST as well as GET, with the rate-limit headers', async () => {
      const login = await postForm(`${tenant.url}/oauth/token`, {
        grant_type: 'password',
        client_id: spa(),
        username: config.users.mfa!.username,
        password: config.users.mfa!.password,
        scope: 'openid',
      });
      const tokens = await postForm(`${tenant.url}/oauth/token`, {
        grant_type: 'http://auth0.com/oauth/grant-type/mfa-otp',
        client_id: spa(),
        mfa_token: login.json.mfa_token,
        otp: totp(config.users.mfa!.otpSecret!),
      });
      const res = await fetch(`${tenant.url}/userinfo`, { method: 'POST', headers: bearer(tokens.json.access_token) });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('x-ratelimit-limit'), '10');
    });
  });

  describe('MFA API', () => {
    const mfaApiToken = async (scope: string) => {
      const login = await postForm(`${tenant.url}/oauth/token`, {
        grant_type: 'password',
        client_id: spa(),
        username: config.users.mfa!.username,
        password: config.users.mfa!.password,
        audience: `${tenant.issuer}mfa/`,
        scope,
      });
      const tokens = await postForm(`${tenant.url}/oauth/token`, {
        grant_type: 'http://auth0.com/oauth/grant-type/mfa-otp',
        client_id: spa(),
        mfa_token: login.json.mfa_token,
        otp: totp(config.users.mfa!.otpSecret!),
      });
      assert.equal(tokens.json.expires_in, 600, 'MFA API tokens live 600 s');
      return tokens.json.access_token as string;
    };
    it('lists authenticators and deletes one (204), 404 for an unknown id, 401 without a token', async () => {
      const token = await mfaApiToken('read:authenticators remove:authenticators');
      const list = await get(`${tenant.url}/mfa/authenticators`, bearer(token));
      assert.equal(list.status, 200);
      assert.deepEqual(list.json.map((a: { authenticator_type: string }) => a.authenticator_type).sort(), [
        'oob',
        'otp',
        'recovery-code',
      ]);
      const sms = list.json.find((a: { authenticator_type: string }) => a.authenticator_type === 'oob');
      assert.match(sms.id, /^sms\|dev_/);
      const del = await fetch(`${tenant.url}/mfa/authenticators/${encodeURIComponent(sms.id)}`, {
        method: 'DELETE',
        headers: bearer(token),
      });
      assert.equal(del.status, 204);
      assert.equal(
        (await fetch(`${tenant.url}/mfa/authenticators/nope`, { method: 'DELETE', headers: bearer(token) })).status,
        404,
      );
      assert.equal((await get(`${tenant.url}/mfa/authenticators`)).status, 401);
    });
    it('refuses a token without the needed scope with 403 insufficient_scope', async () => {
      const token = await mfaApiToken('enroll');
      assert.equal((await get(`${tenant.url}/mfa/authenticators`, bearer(token))).status, 403);
    });
    it('/mfa/associate enrols OTP for a user without MFA; the first enrolment returns recovery codes', async () => {
      const login = await postForm(`${tenant.url}/oauth/token`, {
        grant_type: 'password',
        client_id: spa(),
        username: 'new@harness.local',
        password: 'Str0ngPassword',
        audience: `${tenant.issuer}mfa/`,
        scope: 'enroll',
      });
      assert.equal(login.status, 200, login.text);
      const res = await postJson(
        `${tenant.url}/mfa/associate`,
        { client_id: spa(), authenticator_types: ['otp'] },
        bearer(login.json.access_token),
      );
      assert.equal(res.status, 200, res.text);
      assert.equal(res.json.authenticator_type, 'otp');
      assert.match(res.json.barcode_uri, /^otpauth:\/\/totp\//);
      assert.equal(res.json.recovery_codes.length, 1);
    });
  });

  describe('/oidc/register', () => {
    it('registers a client (201, tpc_ id, secret for client_secret_post) usable at /authorize', async () => {
      const res = await postJson(`${tenant.url}/oidc/register`, {
        client_name: 'Dyn',
        redirect_uris: ['https://dyn.example/cb'],
      });
      assert.equal(res.status, 201, res.text);
      assert.match(res.json.client_id, /^tpc_/);
      assert.ok(res.json.client_secret);
      assert.equal(res.json.client_secret_expires_at, 0);
      const authorize = await get(
        `${tenant.url}/authorize?client_id=${res.json.client_id}&response_type=code&redirect_uri=${encodeURIComponent('https://dyn.example/cb')}`,
      );
      assert.equal(authorize.status, 302);
      assert.equal(
        (await postJson(`${tenant.url}/oidc/register`, { client_name: 'No uris' })).json.error,
        'invalid_redirect_uri',
      );
    });
  });

  describe('legacy endpoints', () => {
    it('/oauth/ro refuses OIDC-conformant applications and serves legacy ones', async () => {
      const refused = await postJson(`${tenant.url}/oauth/ro`, {
        client_id: spa(),
        connection: db(),
        grant_type: 'password',
        username: 'a',
        password: 'b',
      });
      assert.deepEqual(refused.json, {
        error: 'invalid_request',
        error_description: 'OIDC conformant clients cannot use /oauth/ro',
      });
      const legacy = await postJson(`${tenant.url}/oauth/ro`, {
        client_id: 'legacy-app',
        connection: db(),
        grant_type: 'password',
        username: config.users.mfa!.username,
        password: config.users.mfa!.password,
        scope: 'openid',
      });
      assert.equal(legacy.status, 200, legacy.text);
      assert.ok(legacy.json.id_token);
      const wrong = await postJson(`${tenant.url}/oauth/ro`, {
        client_id: 'legacy-app',
        connection: db(),
        grant_type: 'password',
        username: config.users.mfa!.username,
        password: 'nope',
      });
      assert.deepEqual(wrong.json, { error: 'invalid_user_password', error_description: 'Wrong email or password.' });
      const info = await postJson(`${tenant.url}/tokeninfo`, { id_token: legacy.json.id_token });
      assert.equal(info.status, 200);
      assert.equal(info.json.email, config.users.mfa!.username);
    });
    it('/oauth/access_token and /delegation refuse OIDC-conformant applications', async () => {
      assert.equal(
        (
          await postJson(`${tenant.url}/oauth/access_token`, {
            client_id: spa(),
            access_token: 'x',
            connection: 'facebook',
          })
        ).json.error_description,
        'OIDC conformant clients cannot use /oauth/access_token',
      );
      assert.equal(
        (
          await postJson(`${tenant.url}/delegation`, {
            client_id: spa(),
            grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
            id_token: 'x',
          })
        ).json.error_description,
        'OIDC conformant clients cannot use /delegation',
      );
    });
    it('a legacy endpoint switched off in the fixture is 404 endpoint_disabled', async () => {
      const { defaultFixtureInput } = await import('../../tenant/default-fixture.ts');
      const off = await startTenant({
        fixture: { ...defaultFixtureInput(), features: { legacy: { oauthRo: false } } },
      });
      try {
        const res = await postJson(`${off.url}/oauth/ro`, { client_id: 'legacy-app' });
        assert.equal(res.status, 404);
        assert.equal(res.json.error, 'endpoint_disabled');
      } finally {
        await off.close();
      }
    });
  });

  describe('federation metadata', () => {
    it('SAML IdP metadata per application and WS-Fed metadata carry the signing certificate', async () => {
      const x5c = (await get(`${tenant.url}/.well-known/jwks.json`)).json.keys[0].x5c[0];
      const saml = await get(`${tenant.url}/samlp/metadata/${spa()}`);
      assert.equal(saml.status, 200);
      assert.match(saml.headers.get('content-type')!, /xml/);
      assert.ok(saml.text.includes(x5c));
      assert.ok(saml.text.includes(`${tenant.issuer}samlp/${spa()}`));
      const wsfed = await get(`${tenant.url}/wsfed/FederationMetadata/2007-06/FederationMetadata.xml`);
      assert.equal(wsfed.status, 200);
      assert.ok(wsfed.text.includes(x5c));
      assert.equal((await get(`${tenant.url}/samlp/metadata/nobody`)).status, 404);
    });
  });
});
