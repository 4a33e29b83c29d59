import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { startTenant, type RunningTenant } from '../../tenant/start-tenant.ts';

describe('local tenant: requests it cannot read are 400s, never a 500 or a crash', () => {
  let tenant: RunningTenant;
  before(async () => (tenant = await startTenant()));
  after(() => tenant.close());
  const post = async (body: string, contentType: string) => {
    const res = await fetch(`${tenant.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body,
    });
    return { status: res.status, json: (await res.json()) as { error: string; error_description: string } };
  };

  it('malformed JSON', async () => {
    const res = await post('{"grant_type": ', 'application/json');
    assert.deepEqual(res, {
      status: 400,
      json: { error: 'invalid_request', error_description: 'The request body is not valid JSON.' },
    });
  });

  it('an unsupported content type', async () => {
    const res = await post('grant_type=client_credentials', 'text/plain');
    assert.equal(res.status, 400);
    assert.match(res.json.error_description, /Unsupported content type/);
  });

  it('an oversized body', async () => {
    const res = await post(
      JSON.stringify({ grant_type: 'client_credentials', padding: 'x'.repeat(100_000) }),
      'application/json',
    );
    assert.equal(res.status, 400);
    assert.match(res.json.error_description, /exceeds/);
  });

  it('a JSON array or string instead of an object is treated as no parameters', async () => {
    for (const body of ['[]', '"grant_type"', 'null']) {
      const res = await post(body, 'application/json');
      assert.equal(res.status, 400);
      assert.equal(res.json.error_description, 'Missing required parameter: grant_type');
    }
  });

  it('non-string parameter values are treated as missing', async () => {
    const res = await post(JSON.stringify({ grant_type: ['client_credentials'] }), 'application/json');
    assert.equal(res.status, 400);
  });

  it('a Content-Length larger than the body, then a hung-up client, leave the tenant serving', async () => {
    await new Promise<void>((resolve) => {
      const url = new URL(`${tenant.url}/oauth/token`);
      const req = httpRequest({
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': '1000' },
      });
      req.on('error', () => resolve());
      req.write('{"grant_type"');
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 50);
    });
    assert.equal((await fetch(`${tenant.url}/.well-known/openid-configuration`)).status, 200);
  });

  it('unknown paths are 404, and the control API refuses nothing on loopback', async () => {
    assert.equal((await fetch(`${tenant.url}/no/such/endpoint`)).status, 404);
    assert.equal((await fetch(`${tenant.url}/__tenant/outbox`)).status, 200);
  });
});

describe('local tenant: crafted parameters on every endpoint never produce a 5xx', () => {
  let tenant: RunningTenant;
  before(async () => (tenant = await startTenant({ rateLimits: { overrides: { global: null } } })));
  after(() => tenant.close());

  const ROUTES: Array<[string, string]> = [
    ['GET', '/authorize'],
    ['GET', '/u/login'],
    ['POST', '/u/login'],
    ['GET', '/u/mfa-otp-challenge'],
    ['POST', '/u/mfa-otp-challenge'],
    ['POST', '/oauth/token'],
    ['POST', '/oauth/revoke'],
    ['POST', '/oauth/par'],
    ['POST', '/oauth/device/code'],
    ['GET', '/activate'],
    ['POST', '/activate'],
    ['POST', '/bc-authorize'],
    ['GET', '/userinfo'],
    ['POST', '/userinfo'],
    ['POST', '/passwordless/start'],
    ['GET', '/passwordless/verify_redirect'],
    ['POST', '/dbconnections/signup'],
    ['POST', '/dbconnections/change_password'],
    ['GET', '/u/email-verification'],
    ['GET', '/lo/reset'],
    ['POST', '/lo/reset'],
    ['POST', '/mfa/challenge'],
    ['POST', '/mfa/associate'],
    ['GET', '/mfa/authenticators'],
    ['DELETE', '/mfa/authenticators/x'],
    ['POST', '/oidc/register'],
    ['GET', '/v2/logout'],
    ['GET', '/oidc/logout'],
    ['POST', '/oidc/logout'],
    ['POST', '/co/authenticate'],
    ['POST', '/oauth/ro'],
    ['POST', '/oauth/access_token'],
    ['POST', '/delegation'],
    ['POST', '/tokeninfo'],
    ['GET', '/user/ssodata'],
    ['GET', '/samlp/saml-app'],
    ['POST', '/samlp/saml-app'],
    ['GET', '/wsfed'],
    ['GET', '/wsfed/saml-app'],
    ['GET', '/samlp/metadata/saml-app'],
    ['GET', '/__tenant/outbox'],
    ['PUT', '/__tenant/faults'],
    ['PUT', '/__tenant/rate-limits'],
    ['POST', '/__tenant/ciba/x'],
  ];
  const names = [
    'state',
    'client_id',
    'to',
    'ticket',
    'user_code',
    'wtrealm',
    'wreply',
    'email',
    'returnTo',
    'post_logout_redirect_uri',
    'id_token_hint',
    'response_type',
    'redirect_uri',
    'SAMLRequest',
    'RelayState',
    'connection',
    'verification_code',
  ];
  const repeated = names.map((n) => `${n}=a&${n}=b`).join('&');
  const wrongTypes = Object.fromEntries(
    [
      ...names,
      'grant_type',
      'username',
      'password',
      'authenticator_types',
      'oob_channels',
      'redirect_uris',
      'authParams',
      'user_metadata',
      'login_hint',
      'scope',
      'token',
      'mfa_token',
      'deviations',
      'plan',
      'overrides',
      'decision',
    ].map((n, i) => [n, [1, {}, null, [], 7.5, true][i % 6]]),
  );

  for (const [method, path] of ROUTES) {
    it(`${method} ${path}`, async () => {
      const attempts: RequestInit[] = [
        { method },
        ...(method === 'GET'
          ? []
          : [
              { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(wrongTypes) },
              { method, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: repeated },
              { method, headers: { 'content-type': 'application/json', authorization: 'Bearer a.b.c' }, body: '{}' },
              {
                method,
                headers: { authorization: 'Basic !!!', 'content-type': 'application/json' },
                body: '{"client_id":"webapp-post"}',
              },
            ]),
      ];
      for (const init of attempts) {
        const res = await fetch(`${tenant.url}${path}?${repeated}`, { ...init, redirect: 'manual' });
        await res.arrayBuffer();
        assert.ok(
          res.status < 500,
          `${method} ${path} answered ${res.status} to ${JSON.stringify(init).slice(0, 120)}`,
        );
      }
    });
  }
});
