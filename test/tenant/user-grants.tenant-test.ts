import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { HarnessConfig } from '../../lib/k6-and-node/harness-config.ts';
import { startTenant, type RunningTenant } from '../../tenant/start-tenant.ts';
import { totp } from '../../lib/k6-and-node/totp.ts';
import { configOf, decodeJwt, get, postForm, postJson } from './tenant-requests.ts';

const GRANT = {
  realm: 'http://auth0.com/oauth/grant-type/password-realm',
  mfaOtp: 'http://auth0.com/oauth/grant-type/mfa-otp',
  mfaOob: 'http://auth0.com/oauth/grant-type/mfa-oob',
  mfaRecovery: 'http://auth0.com/oauth/grant-type/mfa-recovery-code',
  otp: 'http://auth0.com/oauth/grant-type/passwordless/otp',
};

describe('local tenant: user grants at /oauth/token (docs/auth0-api.md §1.3, §3.2–3.4)', () => {
  let tenant: RunningTenant;
  let config: HarnessConfig;
  let token: string;
  before(async () => {
    tenant = await startTenant();
    config = configOf(tenant);
    token = `${tenant.url}/oauth/token`;
  });
  after(() => tenant.close());
  const spa = () => config.clients.none!.clientId;
  const password = (user: 'plain' | 'mfa' | 'blocked', extra: Record<string, string> = {}) =>
    postForm(token, {
      grant_type: 'password',
      client_id: spa(),
      username: config.users[user]!.username,
      password: config.users[user]!.password,
      ...extra,
    });

  describe('password and password-realm', () => {
    it('openid offline_access returns access, ID and refresh tokens', async () => {
      const res = await password('plain', { scope: 'openid offline_access', audience: config.audience });
      assert.equal(res.status, 200);
      assert.ok(res.json.access_token && res.json.id_token && res.json.refresh_token);
      assert.equal(res.headers.get('cache-control'), 'no-store');
      assert.equal(decodeJwt(res.json.id_token).payload.aud, spa());
    });
    it('a wrong password is 403 invalid_grant "Wrong email or password."', async () => {
      const res = await postForm(token, {
        grant_type: 'password',
        client_id: spa(),
        username: config.users.plain!.username,
        password: 'nope',
      });
      assert.equal(res.status, 403);
      assert.deepEqual(res.json, { error: 'invalid_grant', error_description: 'Wrong email or password.' });
    });
    it('a blocked user is 401 unauthorized "user is blocked"', async () => {
      const res = await password('blocked');
      assert.equal(res.status, 401);
      assert.deepEqual(res.json, { error: 'unauthorized', error_description: 'user is blocked' });
    });
    it('password-realm needs a known realm', async () => {
      const ok = await postForm(token, {
        grant_type: GRANT.realm,
        client_id: spa(),
        realm: config.connections.database,
        username: config.users.plain!.username,
        password: config.users.plain!.password,
      });
      assert.equal(ok.status, 200);
      const bad = await postForm(token, {
        grant_type: GRANT.realm,
        client_id: spa(),
        realm: 'nowhere',
        username: 'a',
        password: 'b',
      });
      assert.equal(bad.status, 400);
      assert.equal(bad.json.error, 'invalid_request');
    });
    it('missing parameters and unknown grants are 400s', async () => {
      assert.equal(
        (await postForm(token, { grant_type: 'password', client_id: spa() })).json.error_description,
        'Missing required parameter: username',
      );
      const unknown = await postForm(token, { grant_type: 'urn:made-up', client_id: spa() });
      assert.equal(unknown.status, 400);
      assert.equal(unknown.json.error, 'unsupported_grant_type');
      assert.equal(
        (await postForm(token, { client_id: spa() })).json.error_description,
        'Missing required parameter: grant_type',
      );
    });
    it('an unknown audience is 403 access_denied "Service not found"', async () => {
      const res = await password('plain', { audience: 'https://unknown.example/' });
      assert.equal(res.status, 403);
      assert.equal(res.json.error_description, 'Service not found: https://unknown.example/');
    });
  });

  describe('refresh_token with rotation and reuse detection', () => {
    it('rotates, and reusing a replaced token revokes the family', async () => {
      const first = (await password('plain', { scope: 'openid offline_access' })).json.refresh_token;
      const second = await postForm(token, { grant_type: 'refresh_token', client_id: spa(), refresh_token: first });
      assert.equal(second.status, 200);
      assert.ok(second.json.refresh_token && second.json.refresh_token !== first);
      const reuse = await postForm(token, { grant_type: 'refresh_token', client_id: spa(), refresh_token: first });
      assert.equal(reuse.status, 403);
      assert.deepEqual(reuse.json, { error: 'invalid_grant', error_description: 'Unknown or invalid refresh token.' });
      const newest = await postForm(token, {
        grant_type: 'refresh_token',
        client_id: spa(),
        refresh_token: second.json.refresh_token,
      });
      assert.equal(newest.status, 403, 'the whole family is revoked');
    });
    it('a refresh token that came from a refresh is refreshed in turn, link after link', async () => {
      let current = (await password('plain', { scope: 'openid offline_access' })).json.refresh_token;
      for (let link = 1; link <= 3; link++) {
        const res = await postForm(token, { grant_type: 'refresh_token', client_id: spa(), refresh_token: current });
        assert.equal(res.status, 200, `link ${link}: ${res.text}`);
        current = res.json.refresh_token;
      }
    });
    it('two concurrent refreshes of one token, with no reuse interval: one gets tokens, the other revokes the family', async () => {
      const rt = (await password('plain', { scope: 'openid offline_access' })).json.refresh_token;
      const refresh = (refreshToken: string) =>
        postForm(token, { grant_type: 'refresh_token', client_id: spa(), refresh_token: refreshToken });
      const answers = await Promise.all([refresh(rt), refresh(rt)]);
      assert.deepEqual(answers.map((a) => a.status).sort(), [200, 403]);
      const winner = answers.find((a) => a.status === 200)!;
      assert.equal((await refresh(winner.json.refresh_token)).status, 403, "the winner's new token went with it");
    });
    it('without rotation the refresh token stays valid and no new one is returned', async () => {
      const { clientId, clientSecret } = config.clients.client_secret_post!;
      const login = await postForm(token, {
        grant_type: 'password',
        client_id: clientId,
        client_secret: clientSecret,
        username: config.users.plain!.username,
        password: config.users.plain!.password,
        scope: 'openid offline_access',
      });
      for (let i = 0; i < 2; i++) {
        const res = await postForm(token, {
          grant_type: 'refresh_token',
          client_id: clientId,
          client_secret: clientSecret,
          refresh_token: login.json.refresh_token,
        });
        assert.equal(res.status, 200);
        assert.equal(res.json.refresh_token, undefined);
      }
    });
    it('an unknown refresh token is 403 invalid_grant', async () => {
      const res = await postForm(token, { grant_type: 'refresh_token', client_id: spa(), refresh_token: 'nope' });
      assert.equal(res.status, 403);
      assert.equal(res.json.error_description, 'Unknown or invalid refresh token.');
    });
    it('/oauth/revoke answers 200 with an empty body, and the token stops working; unknown tokens also 200', async () => {
      const rt = (await password('plain', { scope: 'offline_access' })).json.refresh_token;
      const revoked = await postJson(`${tenant.url}/oauth/revoke`, { client_id: spa(), token: rt });
      assert.equal(revoked.status, 200);
      assert.equal(revoked.text, '');
      assert.equal(
        (await postForm(token, { grant_type: 'refresh_token', client_id: spa(), refresh_token: rt })).status,
        403,
      );
      assert.equal((await postJson(`${tenant.url}/oauth/revoke`, { client_id: spa(), token: 'unknown' })).status, 200);
      assert.equal((await postJson(`${tenant.url}/oauth/revoke`, { client_id: spa() })).status, 400);
      const { clientId } = config.clients.client_secret_post!;
      const badClient = await postJson(`${tenant.url}/oauth/revoke`, {
        client_id: clientId,
        client_secret: 'wrong',
        token: rt,
      });
      assert.equal(badClient.status, 401);
      assert.equal(badClient.json.error, 'invalid_client');
    });
  });

  describe('MFA', () => {
    const mfaToken = async () => {
      const res = await password('mfa', { scope: 'openid' });
      assert.equal(res.status, 403);
      assert.equal(res.json.error, 'mfa_required');
      assert.deepEqual(res.json.mfa_requirements.challenge.map((c: { type: string }) => c.type).sort(), [
        'otp',
        'phone',
        'recovery-code',
      ]);
      return res.json.mfa_token as string;
    };
    it('mfa-otp: a right code returns tokens, a wrong one 403 "Invalid otp_code."', async () => {
      const mfa = await mfaToken();
      const wrong = await postForm(token, {
        grant_type: GRANT.mfaOtp,
        client_id: spa(),
        mfa_token: mfa,
        otp: '000000' === totp(config.users.mfa!.otpSecret!) ? '111111' : '000000',
      });
      assert.equal(wrong.status, 403);
      assert.deepEqual(wrong.json, { error: 'invalid_grant', error_description: 'Invalid otp_code.' });
      const right = await postForm(token, {
        grant_type: GRANT.mfaOtp,
        client_id: spa(),
        mfa_token: mfa,
        otp: totp(config.users.mfa!.otpSecret!),
      });
      assert.equal(right.status, 200, right.text);
      assert.ok(right.json.id_token);
    });
    it('a malformed mfa_token is 403 invalid_grant', async () => {
      const res = await postForm(token, {
        grant_type: GRANT.mfaOtp,
        client_id: spa(),
        mfa_token: 'garbage',
        otp: '123456',
      });
      assert.deepEqual(res.json, { error: 'invalid_grant', error_description: 'Malformed mfa_token' });
    });
    it('mfa-recovery-code returns tokens and a new recovery_code', async () => {
      const res = await postForm(token, {
        grant_type: GRANT.mfaRecovery,
        client_id: spa(),
        mfa_token: await mfaToken(),
        recovery_code: config.users.mfa!.recoveryCode!,
      });
      assert.equal(res.status, 200, res.text);
      assert.ok(res.json.recovery_code && res.json.recovery_code !== config.users.mfa!.recoveryCode);
    });
    it('mfa-oob: /mfa/challenge texts a binding code to the outbox; the grant needs it', async () => {
      const mfa = await mfaToken();
      const challenge = await postJson(`${tenant.url}/mfa/challenge`, {
        client_id: spa(),
        mfa_token: mfa,
        challenge_type: 'oob',
      });
      assert.equal(challenge.status, 200);
      assert.equal(challenge.json.challenge_type, 'oob');
      assert.equal(challenge.json.binding_method, 'prompt');
      const outbox = await get(`${tenant.url}/__tenant/outbox?to=${encodeURIComponent('+15550100002')}`);
      const code = outbox.json.messages.at(-1).code;
      assert.equal(outbox.json.messages.at(-1).channel, 'sms');
      const wrong = await postForm(token, {
        grant_type: GRANT.mfaOob,
        client_id: spa(),
        mfa_token: mfa,
        oob_code: challenge.json.oob_code,
        binding_code: code === '000000' ? '111111' : '000000',
      });
      assert.deepEqual(wrong.json, { error: 'invalid_grant', error_description: 'Invalid binding_code.' });
      const right = await postForm(token, {
        grant_type: GRANT.mfaOob,
        client_id: spa(),
        mfa_token: mfa,
        oob_code: challenge.json.oob_code,
        binding_code: code,
      });
      assert.equal(right.status, 200, right.text);
    });
    it('/mfa/challenge with otp answers challenge_type otp', async () => {
      const res = await postJson(`${tenant.url}/mfa/challenge`, {
        client_id: spa(),
        mfa_token: await mfaToken(),
        challenge_type: 'otp',
      });
      assert.deepEqual(res.json, { challenge_type: 'otp' });
    });
  });

  describe('passwordless OTP', () => {
    it('email code from /passwordless/start logs the user in; a wrong code is 403', async () => {
      const email = 'pwless@harness.local';
      const start = await postJson(`${tenant.url}/passwordless/start`, {
        client_id: spa(),
        connection: 'email',
        email,
        send: 'code',
      });
      assert.equal(start.status, 200);
      assert.equal(start.json.email, email);
      const code = (await get(`${tenant.url}/__tenant/outbox?to=${email}`)).json.messages[0].code;
      const wrong = await postForm(token, {
        grant_type: GRANT.otp,
        client_id: spa(),
        realm: 'email',
        username: email,
        otp: code === '000000' ? '111111' : '000000',
      });
      assert.deepEqual(wrong.json, { error: 'invalid_grant', error_description: 'Wrong email or verification code.' });
      const right = await postForm(token, {
        grant_type: GRANT.otp,
        client_id: spa(),
        realm: 'email',
        username: email,
        otp: code,
        scope: 'openid',
      });
      assert.equal(right.status, 200, right.text);
      assert.match(decodeJwt(right.json.id_token).payload.sub, /^email\|/);
    });
    it('sms code', async () => {
      const phone = '+15550109999';
      assert.equal(
        (
          await postJson(`${tenant.url}/passwordless/start`, {
            client_id: spa(),
            connection: 'sms',
            phone_number: phone,
          })
        ).status,
        200,
      );
      const code = (await get(`${tenant.url}/__tenant/outbox?to=${encodeURIComponent(phone)}`)).json.messages[0].code;
      const res = await postForm(token, {
        grant_type: GRANT.otp,
        client_id: spa(),
        realm: 'sms',
        username: phone,
        otp: code,
        scope: 'openid',
      });
      assert.equal(res.status, 200);
      assert.match(decodeJwt(res.json.id_token).payload.sub, /^sms\|/);
    });
  });
});
