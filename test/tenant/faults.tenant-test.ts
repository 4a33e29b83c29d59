import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import type { HarnessConfig } from '../../lib/k6-and-node/harness-config.ts';
import { DEVIATION_NAMES, type DeviationName } from '../../tenant/faults/deviations.ts';
import { startTenant, type RunningTenant } from '../../tenant/start-tenant.ts';
import { halfHash } from '../../tenant/tokens/id-token.ts';
import { createHash, X509Certificate } from 'node:crypto';
import { signedAssertion } from '../../tenant/federation/saml-assertion.ts';
import { verifySamlResponse } from '../../tenant/federation/verify-saml-response.ts';
import { generateSigningKey } from '../../tenant/signing-keys.ts';
import {
  clientAssertion,
  clientCredentialsPost,
  configOf,
  decodeJwt,
  get,
  mtlsHeaders,
  postForm,
  type Answer,
} from './tenant-requests.ts';

const put = (url: string, body: unknown) =>
  fetch(url, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('local tenant: fault injection (/__tenant/faults)', () => {
  let tenant: RunningTenant;
  let config: HarnessConfig;
  before(async () => {
    tenant = await startTenant({
      faults: true,
      rateLimits: {
        plan: 'free',
        overrides: {
          global: { burst: 10_000, rate: 10_000, per: 'second' },
          token: { burst: 2, rate: 1, per: 'minute' },
        },
      },
    });
    config = configOf(tenant);
  });
  after(() => tenant.close());
  const setFaults = (body: unknown) => put(`${tenant.url}/__tenant/faults`, body);
  const resetLimits = () =>
    put(`${tenant.url}/__tenant/rate-limits`, {
      overrides: {
        global: { burst: 10_000, rate: 10_000, per: 'second' },
        token: { burst: 2, rate: 1, per: 'minute' },
      },
    });
  const clientCredentials = () => clientCredentialsPost(tenant, config);
  const passwordGrant = () => {
    const { clientId, clientSecret } = config.clients.client_secret_post!;
    return postForm(`${tenant.url}/oauth/token`, {
      grant_type: 'password',
      client_id: clientId,
      client_secret: clientSecret,
      username: config.users.plain!.username,
      password: config.users.plain!.password,
      audience: config.audience,
      scope: 'openid',
    });
  };
  const implicit = async (): Promise<URLSearchParams> => {
    // A signed-in session via the login page, then implicit with a nonce.
    const { username, password } = config.users.plain!;
    const start = await get(
      `${tenant.url}/authorize?response_type=id_token%20token&client_id=spa-public&nonce=n-123&audience=${encodeURIComponent(config.audience)}&scope=openid`,
    );
    const state = new URL(start.headers.get('location')!, tenant.url).searchParams.get('state')!;
    const done = await postForm(`${tenant.url}/u/login`, { state, username, password });
    return new URLSearchParams(new URL(done.headers.get('location')!).hash.slice(1));
  };
  // client_credentials with a client assertion; true when the tenant refused it with 401.
  const assertionRefused = async (assertion: string) =>
    (
      await postForm(`${tenant.url}/oauth/token`, {
        grant_type: 'client_credentials',
        audience: config.audience,
        client_id: config.clients.private_key_jwt!.clientId,
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: assertion,
      })
    ).status === 401;
  const nowS = () => Math.floor(Date.now() / 1000);
  const mfaApiLogin = () => {
    const { clientId, clientSecret } = config.clients.client_secret_post!;
    return postForm(`${tenant.url}/oauth/token`, {
      grant_type: 'password',
      client_id: clientId,
      client_secret: clientSecret,
      username: config.users.plain!.username,
      password: config.users.plain!.password,
      audience: `${tenant.issuer}mfa/`,
      scope: 'enroll read:authenticators remove:authenticators',
    });
  };
  // The session cookie a login through the login page sets.
  const loginSession = async (): Promise<string | undefined> => {
    const { username, password } = config.users.plain!;
    const start = await get(`${tenant.url}/authorize?response_type=code&client_id=spa-public&scope=openid`);
    const state = new URL(start.headers.get('location')!, tenant.url).searchParams.get('state')!;
    const done = await postForm(`${tenant.url}/u/login`, { state, username, password });
    return done.headers.get('set-cookie')?.split(';')[0];
  };
  // A hidden field of an auto-posting form, its HTML escapes undone.
  const hiddenField = (html: string, name: string) =>
    (new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '').replace(/&#(\d+);/g, (_, n: string) =>
      String.fromCharCode(Number(n)),
    );
  const tenantCertificate = async () =>
    `-----BEGIN CERTIFICATE-----\n${(await get(`${tenant.url}/.well-known/jwks.json`)).json.keys[0].x5c[0]}\n-----END CERTIFICATE-----`;
  const jwks = async () => createLocalJWKSet((await get(`${tenant.url}/.well-known/jwks.json`)).json as JSONWebKeySet);
  const rateLimited = async (): Promise<Answer[]> => {
    await resetLimits();
    return [await clientCredentials(), await clientCredentials(), await clientCredentials()];
  };
  const verifies = async (token: string) =>
    jwtVerify(token, await jwks()).then(
      () => true,
      () => false,
    );

  // Each probe returns true when the contract point holds. With the deviation on it must return false.
  const probes: Record<DeviationName, () => Promise<boolean>> = {
    'ratelimit.drop_limit_header': async () => (await clientCredentials()).headers.has('x-ratelimit-limit'),
    'ratelimit.drop_remaining_header': async () => (await clientCredentials()).headers.has('x-ratelimit-remaining'),
    'ratelimit.drop_reset_header': async () => (await clientCredentials()).headers.has('x-ratelimit-reset'),
    'ratelimit.reset_in_milliseconds': async () =>
      Number((await clientCredentials()).headers.get('x-ratelimit-reset')) < Date.now() / 100,
    'ratelimit.remaining_not_decremented': async () =>
      (await rateLimited())[2].headers.get('x-ratelimit-remaining') === '0',
    'ratelimit.429_wrong_body': async () => (await rateLimited())[2].json?.error === 'too_many_requests',
    'token.iss_without_trailing_slash': async () =>
      decodeJwt((await passwordGrant()).json.access_token).payload.iss === tenant.issuer,
    'token.wrong_iss': async () => decodeJwt((await passwordGrant()).json.id_token).payload.iss === tenant.issuer,
    'token.expired': async () => decodeJwt((await passwordGrant()).json.access_token).payload.exp > Date.now() / 1000,
    'token.bad_signature': async () => verifies((await passwordGrant()).json.access_token),
    'token.unknown_kid': async () => verifies((await passwordGrant()).json.id_token),
    'token.wrong_aud': async () =>
      decodeJwt((await passwordGrant()).json.access_token).payload.aud.includes(config.audience),
    'token.wrong_sub': async () =>
      decodeJwt((await clientCredentials()).json.access_token).payload.sub ===
      `${config.clients.client_secret_post!.clientId}@clients`,
    'token.missing_gty': async () =>
      decodeJwt((await clientCredentials()).json.access_token).payload.gty === 'client-credentials',
    'token.wrong_cnf': async () => {
      // The mTLS client's tokens are bound to the certificate the edge forwards.
      const client = config.clients.tls_client_auth!;
      const res = await postForm(
        `${tenant.url}/oauth/token`,
        { grant_type: 'client_credentials', client_id: client.clientId, audience: config.audience },
        mtlsHeaders(config),
      );
      const thumbprint = createHash('sha256')
        .update(new X509Certificate(client.certificatePem).raw)
        .digest('base64url');
      return decodeJwt(res.json.access_token).payload.cnf?.['x5t#S256'] === thumbprint;
    },
    'id_token.nonce_not_echoed': async () => decodeJwt((await implicit()).get('id_token')!).payload.nonce === 'n-123',
    'id_token.wrong_at_hash': async () => {
      const fragment = await implicit();
      return decodeJwt(fragment.get('id_token')!).payload.at_hash === halfHash(fragment.get('access_token')!);
    },
    'error.wrong_shape': async () => {
      const res = await postForm(`${tenant.url}/oauth/token`, {
        grant_type: 'client_credentials',
        client_id: 'm2m-basic',
      });
      return (
        typeof res.json.error === 'string' &&
        typeof res.json.error_description === 'string' &&
        res.json.statusCode === undefined
      );
    },
    'error.wrong_status': async () =>
      (await postForm(`${tenant.url}/oauth/token`, { grant_type: 'client_credentials', client_id: 'm2m-basic' }))
        .status === 401,
    'http.missing_no_store': async () => (await passwordGrant()).headers.get('cache-control') === 'no-store',
    'http.wrong_content_type': async () =>
      (await passwordGrant()).headers.get('content-type')!.startsWith('application/json'),
    'discovery.issuer_mismatch': async () =>
      (await get(`${tenant.url}/.well-known/openid-configuration`)).json.issuer ===
      decodeJwt((await passwordGrant()).json.access_token).payload.iss,
    'jwks.missing_x5c': async () => Array.isArray((await get(`${tenant.url}/.well-known/jwks.json`)).json.keys[0].x5c),
    'discovery.server_error': async () => (await get(`${tenant.url}/.well-known/openid-configuration`)).status === 200,
    'jwks.unreachable': async () =>
      (await get(`${tenant.url}/.well-known/openid-configuration`)).json.jwks_uri.startsWith(tenant.issuer),
    'jwks.malformed': async () => Array.isArray((await get(`${tenant.url}/.well-known/jwks.json`)).json?.keys),
    'token.refuse_all_clients': async () => (await clientCredentials()).status === 200,
    'client_assertion.iat_unchecked': async () =>
      assertionRefused(await clientAssertion(config, { iat: nowS() + 60, exp: nowS() + 120 })),
    'client_assertion.lifetime_unchecked': async () =>
      assertionRefused(await clientAssertion(config, { iat: nowS() - 120, exp: nowS() + 240 })),
    'client_assertion.jti_reuse_allowed': async () => {
      const assertion = await clientAssertion(config);
      return !(await assertionRefused(assertion)) && (await assertionRefused(assertion));
    },
    'client_assertion.audience_unchecked': async () =>
      assertionRefused(await clientAssertion(config, { aud: 'https://elsewhere.example/' })),
    'userinfo.wrong_sub': async () => {
      const token = (await passwordGrant()).json.access_token;
      const info = await get(`${tenant.url}/userinfo`, { authorization: `Bearer ${token}` });
      return info.json.sub === decodeJwt(token).payload.sub;
    },
    'jwks.key_use_enc': async () => (await get(`${tenant.url}/.well-known/jwks.json`)).json.keys[0].use === 'sig',
    'jwks.key_alg_mismatch': async () =>
      (await get(`${tenant.url}/.well-known/jwks.json`)).json.keys[0].alg ===
      decodeJwt((await passwordGrant()).json.access_token).header.alg,
    'oauth_metadata.issuer_mismatch': async () =>
      (await get(`${tenant.url}/.well-known/oauth-authorization-server`)).json.issuer === tenant.issuer,
    'mfa.remove_answers_200': async () => {
      const token = (await mfaApiLogin()).json.access_token;
      const bearer = { authorization: `Bearer ${token}` };
      await fetch(`${tenant.url}/mfa/associate`, {
        method: 'POST',
        headers: { ...bearer, 'content-type': 'application/json' },
        body: JSON.stringify({ authenticator_types: ['otp'] }),
      });
      // Every authenticator goes (the first enrolment adds a recovery code), so the user needs no MFA after.
      const listed = (await get(`${tenant.url}/mfa/authenticators`, bearer)).json as { id: string }[];
      const statuses = [];
      for (const { id } of listed) {
        const url = `${tenant.url}/mfa/authenticators/${encodeURIComponent(id)}`;
        statuses.push((await fetch(url, { method: 'DELETE', headers: bearer })).status);
      }
      return statuses.length > 0 && statuses.every((status) => status === 204);
    },
    'ssodata.session_ignored': async () => {
      const cookie = (await loginSession()) ?? '';
      return (await get(`${tenant.url}/user/ssodata`, { cookie })).json.sso === true;
    },
    'co_authenticate.no_co_verifier': async () => {
      const res = await fetch(`${tenant.url}/co/authenticate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'https://app.harness.local' },
        body: JSON.stringify({
          client_id: 'spa-public',
          credential_type: 'http://auth0.com/oauth/grant-type/password-realm',
          username: config.users.plain!.username,
          password: config.users.plain!.password,
          realm: config.connections.database,
        }),
      });
      return typeof ((await res.json()) as { co_verifier?: unknown }).co_verifier === 'string';
    },
    'legacy.serves_oidc_conformant_apps': async () =>
      (
        await fetch(`${tenant.url}/oauth/ro`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            client_id: 'spa-public',
            connection: config.connections.database,
            grant_type: 'password',
            username: config.users.plain!.username,
            password: config.users.plain!.password,
          }),
        })
      ).status === 400,
    'saml.assertion_signature_broken': async () => {
      const cookie = (await loginSession()) ?? '';
      const html = (await get(`${tenant.url}/samlp/saml-app`, { cookie })).text;
      const response = Buffer.from(hiddenField(html, 'SAMLResponse'), 'base64').toString('utf8');
      return typeof verifySamlResponse(response, await tenantCertificate(), 'urn:harness:sp') === 'object';
    },
    'wsfed.assertion_signature_broken': async () => {
      const cookie = (await loginSession()) ?? '';
      const html = (await get(`${tenant.url}/wsfed/saml-app`, { cookie })).text;
      return (
        typeof verifySamlResponse(hiddenField(html, 'wresult'), await tenantCertificate(), 'urn:saml-app') === 'object'
      );
    },
    'saml_logout.wrong_in_response_to': async () => {
      const request = `<samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_lr1" Version="2.0"/>`;
      const res = await postForm(`${tenant.url}/samlp/saml-app/logout`, {
        SAMLRequest: Buffer.from(request).toString('base64'),
      });
      const response = Buffer.from(hiddenField(res.text, 'SAMLResponse'), 'base64').toString('utf8');
      return response.includes('InResponseTo="_lr1"');
    },
    'saml_callback.signature_unchecked': async () => {
      const stranger = await generateSigningKey('stranger.example');
      const assertion = signedAssertion(
        {
          issuer: 'urn:stranger',
          audience: `urn:auth0:${new URL(tenant.issuer).hostname.split('.')[0]}:harness-saml-idp`,
          recipient: `${tenant.url}/login/callback`,
          user: { ...config.users.plain, userId: 'x|stranger', email: 'stranger@example.com' } as never,
          sessionIndex: 's',
          authTime: Math.floor(Date.now() / 1000),
        },
        stranger,
      );
      const response = `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_r" Version="2.0">${assertion}</samlp:Response>`;
      const res = await postForm(`${tenant.url}/login/callback?connection=harness-saml-idp`, {
        SAMLResponse: Buffer.from(response).toString('base64'),
      });
      return res.status === 400;
    },
    'otp_challenge.no_auth_session': async () => {
      const { clientId, clientSecret } = config.clients.client_secret_post!;
      const res = await fetch(`${tenant.url}/otp/challenge`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          client_id: clientId,
          client_secret: clientSecret,
          connection: config.connections.database,
          email: config.users.plain!.username,
        }),
      });
      return typeof ((await res.json()) as { auth_session?: unknown }).auth_session === 'string';
    },
    'passwordless_verify.accepts_wrong_code': async () => {
      const res = await fetch(`${tenant.url}/passwordless/verify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          client_id: 'spa-public',
          connection: 'email',
          grant_type: 'password',
          username: 'nobody@harness.invalid',
          password: '123456',
        }),
      });
      return res.status === 403;
    },
    'global_token_revocation.token_unchecked': async () => {
      const res = await fetch(`${tenant.url}/oauth/global-token-revocation/connection/harness-saml-idp`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer not.a.jwt' },
        body: JSON.stringify({ subject: { format: 'iss_sub', iss: 'urn:x', sub: 'someone' } }),
      });
      return res.status === 401;
    },
  };

  it('GET lists every deviation as available, each with a probe here', async () => {
    const state = (await get(`${tenant.url}/__tenant/faults`)).json;
    assert.equal(state.enabled, true);
    assert.deepEqual(state.available, DEVIATION_NAMES);
    assert.deepEqual(Object.keys(probes).sort(), [...DEVIATION_NAMES].sort());
    for (const name of DEVIATION_NAMES) assert.ok(state.descriptions[name].length > 10);
  });

  for (const name of DEVIATION_NAMES) {
    it(`${name}: the contract holds without it and breaks with it`, async () => {
      await setFaults({});
      await resetLimits();
      assert.equal(await probes[name](), true, 'holds without the deviation');
      assert.equal((await setFaults({ deviations: [name] })).status, 200);
      await resetLimits();
      assert.equal(await probes[name](), false, 'broken with the deviation');
      await fetch(`${tenant.url}/__tenant/faults`, { method: 'DELETE' });
    });
  }

  it('refuses unknown deviations and bad values with 400 naming the field', async () => {
    const res = await setFaults({ deviations: ['token.nope'], errorRate5xx: 2 });
    assert.equal(res.status, 400);
    const text = ((await res.json()) as { error_description: string }).error_description;
    assert.match(text, /deviations/);
    assert.match(text, /errorRate5xx/);
  });

  it('errorRate5xx: 1 answers every Authentication API request with 503, never the control API', async () => {
    await setFaults({ errorRate5xx: 1 });
    const res = await get(`${tenant.url}/.well-known/openid-configuration`);
    assert.equal(res.status, 503);
    assert.equal(res.json.error, 'temporarily_unavailable');
    assert.equal((await get(`${tenant.url}/__tenant/faults`)).status, 200);
    await fetch(`${tenant.url}/__tenant/faults`, { method: 'DELETE' });
    assert.equal((await get(`${tenant.url}/.well-known/openid-configuration`)).status, 200);
  });

  it('dropRate: 1 closes the connection without an answer', async () => {
    await setFaults({ dropRate: 1 });
    await assert.rejects(fetch(`${tenant.url}/.well-known/openid-configuration`));
    await fetch(`${tenant.url}/__tenant/faults`, { method: 'DELETE' });
  });

  it('latencyMs delays answers (fixed and uniform distribution)', async () => {
    for (const latencyMs of [150, { distribution: 'uniform', minMs: 150, maxMs: 160 }]) {
      await setFaults({ latencyMs });
      const started = performance.now();
      await get(`${tenant.url}/.well-known/openid-configuration`);
      assert.ok(performance.now() - started >= 140, 'the answer came after the injected delay');
    }
    await fetch(`${tenant.url}/__tenant/faults`, { method: 'DELETE' });
  });

  it('is off unless enabled: PUT answers 409', async () => {
    const plain = await startTenant();
    try {
      const res = await put(`${plain.url}/__tenant/faults`, { deviations: ['token.expired'] });
      assert.equal(res.status, 409);
      assert.equal((await get(`${plain.url}/__tenant/faults`)).json.enabled, false);
    } finally {
      await plain.close();
    }
  });

  it('startTenant({ faults }) starts with the given deviations', async () => {
    const t = await startTenant({ faults: { deviations: ['jwks.missing_x5c'] } });
    try {
      assert.equal((await get(`${t.url}/.well-known/jwks.json`)).json.keys[0].x5c, undefined);
    } finally {
      await t.close();
    }
  });
});
