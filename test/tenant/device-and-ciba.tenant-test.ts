import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { HarnessConfig } from '../../lib/k6-and-node/harness-config.ts';
import { defaultFixtureInput } from '../../tenant/default-fixture.ts';
import { startTenant, type RunningTenant } from '../../tenant/start-tenant.ts';
import { configOf, decodeJwt, postForm, postJson } from './tenant-requests.ts';

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const CIBA_GRANT = 'urn:openid:params:grant-type:ciba';

describe('local tenant: device authorization and CIBA (docs/auth0-api.md §1.2, §3.5)', () => {
  let tenant: RunningTenant;
  let config: HarnessConfig;
  before(async () => {
    // Polling intervals long enough that two back-to-back polls are always "too fast".
    tenant = await startTenant({
      fixture: {
        ...defaultFixtureInput(),
        device: { intervalSeconds: 30, expiresInSeconds: 900 },
        ciba: { intervalSeconds: 30, expiresInSeconds: 300 },
      },
    });
    config = configOf(tenant);
  });
  after(() => tenant.close());

  describe('device flow', () => {
    const deviceCode = () =>
      postForm(`${tenant.url}/oauth/device/code`, {
        client_id: config.clients.device!.clientId,
        scope: 'openid offline_access',
        audience: config.audience,
      });
    const poll = (code: string) =>
      postForm(`${tenant.url}/oauth/token`, {
        grant_type: DEVICE_GRANT,
        client_id: config.clients.device!.clientId,
        device_code: code,
      });

    it('issues codes; polling is 403 authorization_pending, then 429 slow_down when too fast', async () => {
      const res = await deviceCode();
      assert.equal(res.status, 200);
      for (const field of ['device_code', 'user_code', 'verification_uri', 'verification_uri_complete'])
        assert.equal(typeof res.json[field], 'string');
      assert.equal(res.json.expires_in, 900);
      assert.equal(res.json.interval, 30);
      const first = await poll(res.json.device_code);
      assert.equal(first.status, 403);
      assert.deepEqual(first.json, {
        error: 'authorization_pending',
        error_description: 'User has yet to authorize device code.',
      });
      const second = await poll(res.json.device_code);
      assert.equal(second.status, 429);
      assert.equal(second.json.error, 'slow_down');
    });

    it('the activation page approves the device; the next poll returns tokens once', async () => {
      const res = await deviceCode();
      const activation = await postForm(`${tenant.url}/activate`, {
        user_code: res.json.user_code,
        username: config.users.plain!.username,
        password: config.users.plain!.password,
        action: 'confirm',
      });
      assert.equal(activation.status, 200);
      const tokens = await poll(res.json.device_code);
      assert.equal(tokens.status, 200, tokens.text);
      assert.ok(tokens.json.id_token && tokens.json.refresh_token);
      assert.equal((await poll(res.json.device_code)).json.error, 'invalid_grant');
    });

    it('a cancelled confirmation is 403 access_denied', async () => {
      const res = await deviceCode();
      await postForm(`${tenant.url}/activate`, { user_code: res.json.user_code, action: 'cancel' });
      const denied = await poll(res.json.device_code);
      assert.equal(denied.status, 403);
      assert.equal(denied.json.error, 'access_denied');
    });

    it('refuses clients without the device grant and unknown device codes', async () => {
      const { clientId, clientSecret } = config.clients.client_secret_post!;
      const res = await postForm(`${tenant.url}/oauth/device/code`, {
        client_id: clientId,
        client_secret: clientSecret,
      });
      assert.equal(res.status, 403);
      assert.equal(res.json.error, 'unauthorized_client');
      assert.equal((await poll('unknown')).json.error, 'invalid_grant');
    });
  });

  describe('CIBA', () => {
    const ciba = () => config.clients.ciba!;
    const userId = () => tenant.fixture.connections.database.users[0].userId;
    const bcAuthorize = (extra: Record<string, string> = {}) =>
      postForm(`${tenant.url}/bc-authorize`, {
        client_id: ciba().clientId,
        client_secret: ciba().clientSecret,
        scope: 'openid',
        binding_message: 'Order 123',
        login_hint: JSON.stringify({ format: 'iss_sub', iss: tenant.issuer, sub: userId() }),
        ...extra,
      });
    const poll = (authReqId: string) =>
      postForm(`${tenant.url}/oauth/token`, {
        grant_type: CIBA_GRANT,
        client_id: ciba().clientId,
        client_secret: ciba().clientSecret,
        auth_req_id: authReqId,
      });

    it('pending, slow_down with Retry-After, then tokens after the user approves', async () => {
      const start = await bcAuthorize();
      assert.equal(start.status, 200, start.text);
      assert.equal(start.json.expires_in, 300);
      assert.equal(start.json.interval, 30);
      assert.equal((await poll(start.json.auth_req_id)).json.error, 'authorization_pending');
      const fast = await poll(start.json.auth_req_id);
      assert.equal(fast.json.error, 'slow_down');
      assert.equal(fast.headers.get('retry-after'), '30');
      const approve = await postJson(`${tenant.url}/__tenant/ciba/${start.json.auth_req_id}`, { decision: 'approve' });
      assert.equal(approve.status, 200);
      const tokens = await poll(start.json.auth_req_id);
      assert.equal(tokens.status, 200, tokens.text);
      assert.equal(decodeJwt(tokens.json.id_token).payload.sub, userId());
      assert.equal((await poll(start.json.auth_req_id)).json.error, 'invalid_grant', 'auth_req_id is single use');
    });

    it('a denied request is access_denied', async () => {
      const start = await bcAuthorize();
      await postJson(`${tenant.url}/__tenant/ciba/${start.json.auth_req_id}`, { decision: 'deny' });
      assert.equal((await poll(start.json.auth_req_id)).json.error, 'access_denied');
    });

    it('validates scope, binding_message, login_hint and requested_expiry', async () => {
      assert.deepEqual((await bcAuthorize({ scope: 'profile' })).json, {
        error: 'invalid_scope',
        error_description: 'openid scope must be requested',
      });
      assert.deepEqual((await bcAuthorize({ binding_message: '' })).json, {
        error: 'invalid_request',
        error_description: 'binding_message is required',
      });
      assert.equal((await bcAuthorize({ binding_message: 'x'.repeat(65) })).status, 400);
      const badHint = await bcAuthorize({
        login_hint: JSON.stringify({ format: 'iss_sub', iss: tenant.issuer, sub: 'not-a-user-id' }),
      });
      assert.equal(
        badHint.json.error_description,
        'login_hint parameter validation failed: "sub" contains unsupported format',
      );
      assert.equal((await bcAuthorize({ requested_expiry: '301' })).status, 400);
      const wrongSecret = await bcAuthorize({ client_secret: 'nope' });
      assert.equal(wrongSecret.status, 401);
      assert.equal(wrongSecret.json.error, 'invalid_client');
    });
  });
});
