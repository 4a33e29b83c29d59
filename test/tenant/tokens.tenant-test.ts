import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import type { HarnessConfig } from '../../lib/k6-and-node/harness-config.ts';
import { defaultFixtureInput, RFC9068_API } from '../../tenant/default-fixture.ts';
import { startTenant, type RunningTenant } from '../../tenant/start-tenant.ts';
import { halfHash } from '../../tenant/tokens/id-token.ts';
import { bearer, configOf, decodeJwt, get, postForm } from './tenant-requests.ts';

describe('local tenant: discovery, JWKS and tokens (docs/auth0-api.md §2)', () => {
  let tenant: RunningTenant;
  let config: HarnessConfig;
  const jwks = async () => (await get(`${tenant.url}/.well-known/jwks.json`)).json as JSONWebKeySet;
  const secretPost = (extra: Record<string, string>) => ({
    client_id: config.clients.client_secret_post!.clientId,
    client_secret: config.clients.client_secret_post!.clientSecret,
    ...extra,
  });
  const passwordGrant = (extra: Record<string, string> = {}) =>
    postForm(
      `${tenant.url}/oauth/token`,
      secretPost({
        grant_type: 'password',
        username: config.users.plain!.username,
        password: config.users.plain!.password,
        ...extra,
      }),
    );

  before(async () => {
    const fixture = defaultFixtureInput();
    const webapp = fixture.applications.find((a) => a.clientId === 'webapp-post')!;
    webapp.idTokenSigningAlg = 'HS256';
    tenant = await startTenant({ fixture, issuer: 'https://login.example.test' });
    config = configOf(tenant);
  });
  after(() => tenant.close());

  it('discovery names the public issuer with a trailing slash and every endpoint under it', async () => {
    const doc = (await get(`${tenant.url}/.well-known/openid-configuration`)).json;
    assert.equal(doc.issuer, 'https://login.example.test/');
    assert.equal(doc.token_endpoint, 'https://login.example.test/oauth/token');
    assert.deepEqual(doc.code_challenge_methods_supported, ['S256']);
    assert.ok(doc.token_endpoint_auth_methods_supported.includes('private_key_jwt'));
  });

  it('JWKS publishes RS256 keys with kid, x5c and x5t', async () => {
    const { keys } = await jwks();
    assert.equal(keys.length, 1);
    assert.equal(keys[0].alg, 'RS256');
    assert.ok(keys[0].kid && keys[0].x5c?.[0] && keys[0].x5t);
  });

  it('access tokens for an API: Auth0 profile claims, aud with /userinfo when openid, permissions under RBAC', async () => {
    const res = await passwordGrant({ scope: 'openid read:things write:things', audience: config.audience });
    assert.equal(res.status, 200, res.text);
    const { payload, protectedHeader } = await jwtVerify(res.json.access_token, createLocalJWKSet(await jwks()), {
      issuer: 'https://login.example.test/',
    });
    assert.equal(protectedHeader.typ, 'JWT');
    assert.deepEqual(payload.aud, [config.audience, 'https://login.example.test/userinfo']);
    assert.equal(payload.azp, config.clients.client_secret_post!.clientId);
    assert.equal(payload.gty, 'password');
    // RBAC: the plain user holds read:things only, so write:things is not granted.
    assert.equal(payload.scope, 'openid read:things');
    assert.deepEqual(payload.permissions, ['read:things']);
  });

  it('the RFC 9068 profile uses typ at+jwt, client_id and jti instead of azp and gty', async () => {
    const res = await postForm(
      `${tenant.url}/oauth/token`,
      secretPost({ grant_type: 'client_credentials', audience: RFC9068_API }),
    );
    const { header, payload } = decodeJwt(res.json.access_token);
    assert.equal(header.typ, 'at+jwt');
    assert.equal(payload.client_id, config.clients.client_secret_post!.clientId);
    assert.ok(payload.jti);
    assert.equal(payload.azp, undefined);
    assert.equal(payload.gty, undefined);
  });

  it('without an audience the access token is opaque and serves /userinfo', async () => {
    const res = await passwordGrant({ scope: 'openid email' });
    assert.equal(res.json.access_token.split('.').length, 1);
    const info = await get(`${tenant.url}/userinfo`, bearer(res.json.access_token));
    assert.equal(info.status, 200);
    assert.equal(info.json.email, config.users.plain!.username);
  });

  it('HS256 ID tokens for applications set so, signed with the client secret', async () => {
    const res = await passwordGrant({ scope: 'openid profile' });
    const secret = new TextEncoder().encode(config.clients.client_secret_post!.clientSecret);
    const { payload, protectedHeader } = await jwtVerify(res.json.id_token, secret, {
      audience: config.clients.client_secret_post!.clientId,
    });
    assert.equal(protectedHeader.alg, 'HS256');
    assert.equal(payload.name, 'Plain User');
  });

  it('halfHash is the OIDC at_hash: left half of SHA-256, base64url', () => {
    // The access token / at_hash pair from the OpenID Connect Core 1.0 examples (Appendix A.4).
    assert.equal(halfHash('jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y'), '77QmUPtjPfzWtF2AnpK9RQ');
  });

  it('key rotation on demand: the new key signs, both keys are published', async () => {
    const before = (await jwks()).keys[0].kid;
    const rotated = await postForm(`${tenant.url}/__tenant/keys/rotate`, {});
    assert.equal(rotated.status, 200);
    const kids = (await jwks()).keys.map((k) => k.kid);
    assert.deepEqual(kids, [rotated.json.signingKid, before]);
    const res = await passwordGrant({ audience: config.audience });
    assert.equal(decodeJwt(res.json.access_token).header.kid, rotated.json.signingKid);
  });
});
