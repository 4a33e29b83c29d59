import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import { startTenant, type RunningTenant } from '../../tenant/start-tenant.ts';

describe('local tenant: client_credentials', () => {
  let tenant: RunningTenant;
  before(async () => (tenant = await startTenant()));
  after(() => tenant.close());

  const client = (method: string) => {
    const app = tenant.fixture.applications.find((a) => a.tokenEndpointAuthMethod === method);
    assert.ok(app?.clientSecret);
    return { id: app.clientId, secret: app.clientSecret };
  };
  const audience = () => tenant.fixture.apis[0].identifier;

  it('issues an RS256 access token verifiable with its JWKS, for client_secret_post', async () => {
    const { id, secret } = client('client_secret_post');
    const res = await fetch(`${tenant.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: id,
        client_secret: secret,
        audience: audience(),
      }),
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const body = (await res.json()) as { access_token: string; token_type: string };
    assert.equal(body.token_type, 'Bearer');
    const jwks = (await (await fetch(`${tenant.url}/.well-known/jwks.json`)).json()) as JSONWebKeySet;
    const { payload, protectedHeader } = await jwtVerify(body.access_token, createLocalJWKSet(jwks), {
      issuer: tenant.issuer,
      audience: audience(),
    });
    assert.equal(protectedHeader.alg, 'RS256');
    assert.equal(payload.sub, `${id}@clients`);
    assert.equal(payload.gty, 'client-credentials');
    assert.ok(tenant.issuer.endsWith('/'));
  });

  it('accepts client_secret_basic in the Authorization header, JSON body', async () => {
    const { id, secret } = client('client_secret_basic');
    const res = await fetch(`${tenant.url}/oauth/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`,
      },
      body: JSON.stringify({ grant_type: 'client_credentials', audience: audience() }),
    });
    assert.equal(res.status, 200);
  });

  it('refuses a wrong secret with 401 access_denied "Unauthorized" (docs/auth0-api.md §3.3)', async () => {
    const { id } = client('client_secret_post');
    const res = await fetch(`${tenant.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: id,
        client_secret: 'wrong',
        audience: audience(),
      }),
    });
    assert.equal(res.status, 401);
    assert.deepEqual(await res.json(), { error: 'access_denied', error_description: 'Unauthorized' });
  });
});
