import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { HarnessConfig } from '../../lib/k6-and-node/harness-config.ts';
import { startTenant, type RunningTenant } from '../../tenant/start-tenant.ts';
import { halfHash } from '../../tenant/tokens/id-token.ts';
import { totp } from '../../lib/k6-and-node/totp.ts';
import { basic, configOf, decodeJwt, get, postForm, postJson } from './tenant-requests.ts';

describe('local tenant: /authorize, the login page and logout (docs/auth0-api.md §1.1)', () => {
  let tenant: RunningTenant;
  let config: HarnessConfig;
  before(async () => {
    tenant = await startTenant();
    config = configOf(tenant);
  });
  after(() => tenant.close());
  const spa = () => config.clients.none!;
  const authorizeUrl = (params: Record<string, string>) =>
    `${tenant.url}/authorize?${new URLSearchParams({ client_id: spa().clientId, redirect_uri: spa().redirectUri!, ...params })}`;
  const cookieOf = (res: { headers: Headers }) => res.headers.get('set-cookie')!.split(';')[0];

  /** GET /authorize → /u/login → POST credentials: the answer to the application, and the session cookie. */
  async function login(params: Record<string, string>, user: 'plain' | 'mfa' = 'plain') {
    const start = await get(authorizeUrl(params));
    assert.equal(start.status, 302);
    const page = await get(new URL(start.headers.get('location')!, tenant.url).toString());
    assert.equal(page.status, 200);
    const state = /name="state" value="([^"]+)"/.exec(page.text)![1];
    let done = await postForm(`${tenant.url}/u/login`, {
      state,
      username: config.users[user]!.username,
      password: config.users[user]!.password,
    });
    if (user === 'mfa') {
      assert.equal(done.headers.get('location'), `/u/mfa-otp-challenge?state=${encodeURIComponent(state)}`);
      done = await postForm(`${tenant.url}/u/mfa-otp-challenge`, { state, code: totp(config.users.mfa!.otpSecret!) });
    }
    return { answer: done, cookie: cookieOf(done) };
  }

  it('code + PKCE: the login page issues a code the token endpoint exchanges with the verifier', async () => {
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const { answer } = await login({
      response_type: 'code',
      scope: 'openid offline_access',
      state: 's-1',
      nonce: 'n-1',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      audience: config.audience,
    });
    assert.equal(answer.status, 302);
    const callback = new URL(answer.headers.get('location')!);
    assert.equal(callback.origin + callback.pathname, spa().redirectUri);
    assert.equal(callback.searchParams.get('state'), 's-1');
    const code = callback.searchParams.get('code')!;
    const exchange = {
      grant_type: 'authorization_code',
      client_id: spa().clientId,
      code,
      redirect_uri: spa().redirectUri!,
    };
    const wrongVerifier = await postForm(`${tenant.url}/oauth/token`, { ...exchange, code_verifier: 'x'.repeat(43) });
    assert.deepEqual(wrongVerifier.json, {
      error: 'invalid_grant',
      error_description: 'Failed to verify code verifier',
    });
    // The failed attempt spent the code, as single-use codes are.
    const { answer: second } = await login({
      response_type: 'code',
      scope: 'openid offline_access',
      nonce: 'n-2',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const code2 = new URL(second.headers.get('location')!).searchParams.get('code')!;
    const tokens = await postForm(`${tenant.url}/oauth/token`, { ...exchange, code: code2, code_verifier: verifier });
    assert.equal(tokens.status, 200, tokens.text);
    const id = decodeJwt(tokens.json.id_token).payload;
    assert.equal(id.nonce, 'n-2');
    assert.ok(id.sid && id.auth_time);
    assert.ok(tokens.json.refresh_token);
    const reuse = await postForm(`${tenant.url}/oauth/token`, { ...exchange, code: code2, code_verifier: verifier });
    assert.deepEqual(reuse.json, { error: 'invalid_grant', error_description: 'Invalid authorization code' });
  });

  it('code for a confidential client, exchanged with client_secret_basic', async () => {
    const client = config.clients.client_secret_basic!;
    const start = await get(
      `${tenant.url}/authorize?${new URLSearchParams({ client_id: client.clientId, redirect_uri: client.redirectUri!, response_type: 'code', scope: 'openid' })}`,
    );
    const state = new URL(start.headers.get('location')!, tenant.url).searchParams.get('state')!;
    const done = await postForm(`${tenant.url}/u/login`, {
      state,
      username: config.users.plain!.username,
      password: config.users.plain!.password,
    });
    const code = new URL(done.headers.get('location')!).searchParams.get('code')!;
    const tokens = await postForm(
      `${tenant.url}/oauth/token`,
      { grant_type: 'authorization_code', code, redirect_uri: client.redirectUri! },
      basic(client.clientId, client.clientSecret),
    );
    assert.equal(tokens.status, 200, tokens.text);
  });

  it('implicit (fragment): access and ID token with nonce and at_hash; then prompt=none reuses the session', async () => {
    const { answer, cookie } = await login({
      response_type: 'id_token token',
      nonce: 'n-3',
      state: 's-3',
      scope: 'openid',
    });
    const fragment = new URLSearchParams(new URL(answer.headers.get('location')!).hash.slice(1));
    assert.equal(fragment.get('state'), 's-3');
    assert.equal(fragment.get('token_type'), 'Bearer');
    const id = decodeJwt(fragment.get('id_token')!).payload;
    assert.equal(id.nonce, 'n-3');
    assert.equal(id.at_hash, halfHash(fragment.get('access_token')!));
    assert.equal(fragment.get('refresh_token'), null, 'implicit never returns a refresh token');
    const silent = await get(authorizeUrl({ response_type: 'id_token', nonce: 'n-4', prompt: 'none' }), { cookie });
    assert.equal(silent.status, 302);
    assert.ok(new URLSearchParams(new URL(silent.headers.get('location')!).hash.slice(1)).get('id_token'));
  });

  it('hybrid with form_post: an auto-posting form with code and ID token carrying c_hash', async () => {
    const { answer } = await login({
      response_type: 'code id_token',
      nonce: 'n-5',
      state: 's-5',
      response_mode: 'form_post',
      scope: 'openid',
    });
    assert.equal(answer.status, 200);
    assert.match(answer.headers.get('content-type')!, /text\/html/);
    assert.ok(answer.text.includes(`action="${spa().redirectUri}"`));
    const field = (name: string) => new RegExp(`name="${name}" value="([^"]+)"`).exec(answer.text)![1];
    assert.equal(field('state'), 's-5');
    assert.equal(decodeJwt(field('id_token')).payload.c_hash, halfHash(field('code')));
  });

  it('prompt=none without a session redirects login_required', async () => {
    const res = await get(authorizeUrl({ response_type: 'code', prompt: 'none', state: 's-6' }));
    const callback = new URL(res.headers.get('location')!);
    assert.equal(callback.searchParams.get('error'), 'login_required');
    assert.equal(callback.searchParams.get('state'), 's-6');
  });

  it('errors: unknown client or unlisted redirect_uri render the error page; the rest go back to the app', async () => {
    const unknownClient = await get(`${tenant.url}/authorize?client_id=nobody&response_type=code`);
    assert.equal(unknownClient.status, 400);
    assert.match(unknownClient.headers.get('content-type')!, /text\/html/);
    const badRedirect = await get(authorizeUrl({ response_type: 'code', redirect_uri: 'https://evil.example/cb' }));
    assert.equal(badRedirect.status, 400);
    assert.equal(badRedirect.headers.get('location'), null);
    const cases: Array<[Record<string, string>, string]> = [
      [{ response_type: 'nonsense' }, 'unsupported_response_type'],
      [{ response_type: 'id_token' }, 'invalid_request'], // nonce missing
      [{ response_type: 'code', code_challenge: 'abc', code_challenge_method: 'plain' }, 'invalid_request'],
      [{ response_type: 'code', audience: 'https://unknown.example/' }, 'access_denied'],
    ];
    for (const [params, error] of cases) {
      const res = await get(authorizeUrl(params));
      assert.equal(res.status, 302);
      const location = new URL(res.headers.get('location')!);
      const values = location.hash ? new URLSearchParams(location.hash.slice(1)) : location.searchParams;
      assert.equal(values.get('error'), error, JSON.stringify(params));
    }
  });

  it('the login page answers a wrong password with the form again (400) and an unknown state with an error page', async () => {
    const start = await get(authorizeUrl({ response_type: 'code' }));
    const state = new URL(start.headers.get('location')!, tenant.url).searchParams.get('state')!;
    const wrong = await postForm(`${tenant.url}/u/login`, {
      state,
      username: config.users.plain!.username,
      password: 'nope',
    });
    assert.equal(wrong.status, 400);
    assert.match(wrong.text, /Wrong email or password/);
    assert.equal((await get(`${tenant.url}/u/login?state=unknown`)).status, 400);
  });

  it('MFA users answer the OTP step of the login page', async () => {
    const { answer } = await login({ response_type: 'code' }, 'mfa');
    assert.ok(new URL(answer.headers.get('location')!).searchParams.get('code'));
  });

  it('/co/authenticate issues a login_ticket that /authorize accepts', async () => {
    const origin = 'https://app.harness.local';
    const co = await postJson(
      `${tenant.url}/co/authenticate`,
      {
        client_id: spa().clientId,
        credential_type: 'http://auth0.com/oauth/grant-type/password-realm',
        realm: config.connections.database,
        username: config.users.plain!.username,
        password: config.users.plain!.password,
      },
      { origin },
    );
    assert.equal(co.status, 200, co.text);
    assert.equal(co.headers.get('access-control-allow-origin'), origin);
    const res = await get(authorizeUrl({ response_type: 'code', login_ticket: co.json.login_ticket }));
    assert.ok(new URL(res.headers.get('location')!).searchParams.get('code'));
    const wrong = await postJson(
      `${tenant.url}/co/authenticate`,
      {
        client_id: spa().clientId,
        credential_type: 'http://auth0.com/oauth/grant-type/password-realm',
        realm: config.connections.database,
        username: config.users.plain!.username,
        password: 'nope',
      },
      { origin },
    );
    assert.deepEqual(wrong.json, { error: 'access_denied', error_description: 'Wrong email or password.' });
    const foreign = await postJson(
      `${tenant.url}/co/authenticate`,
      { client_id: spa().clientId, credential_type: 'password', username: 'a', password: 'b' },
      { origin: 'https://evil.example' },
    );
    assert.equal(foreign.status, 403);
    assert.equal(foreign.text, 'Origin https://evil.example is not allowed.');
    const unknownType = await postJson(`${tenant.url}/co/authenticate`, {
      client_id: spa().clientId,
      credential_type: 'magic',
      username: 'a',
      password: 'b',
    });
    assert.deepEqual(unknownType.json, {
      error: 'unsupported_credential_type',
      error_description: 'Unknown credential type parameter.',
    });
    const notAllowed = await postJson(`${tenant.url}/co/authenticate`, {
      client_id: 'native-public',
      credential_type: 'password',
      username: 'a',
      password: 'b',
    });
    assert.deepEqual(notAllowed.json, {
      error: 'unauthorized_client',
      error_description: 'Cross origin login not allowed.',
    });
  });

  it('PAR: 201 with a 30 s request_uri that /authorize accepts once', async () => {
    const client = config.clients.client_secret_post!;
    const par = await postForm(`${tenant.url}/oauth/par`, {
      client_id: client.clientId,
      client_secret: client.clientSecret,
      response_type: 'code',
      redirect_uri: client.redirectUri!,
      state: 's-par',
    });
    assert.equal(par.status, 201, par.text);
    assert.equal(par.json.expires_in, 30);
    assert.match(par.json.request_uri, /^urn:ietf:params:oauth:request_uri:/);
    const uri = `${tenant.url}/authorize?client_id=${client.clientId}&request_uri=${encodeURIComponent(par.json.request_uri)}`;
    assert.equal((await get(uri)).status, 302);
    assert.equal((await get(uri)).status, 400, 'single use');
    const publicClient = await postForm(`${tenant.url}/oauth/par`, {
      client_id: spa().clientId,
      response_type: 'code',
      redirect_uri: spa().redirectUri!,
    });
    assert.equal(publicClient.status, 401);
    const json = await postJson(`${tenant.url}/oauth/par`, {
      client_id: client.clientId,
      client_secret: client.clientSecret,
      response_type: 'code',
      redirect_uri: client.redirectUri,
    });
    assert.equal(json.status, 400);
  });

  it('/v2/logout: 302 to an allowed returnTo, the error page otherwise', async () => {
    const ok = await get(
      `${tenant.url}/v2/logout?client_id=${spa().clientId}&returnTo=${encodeURIComponent(spa().logoutUri!)}`,
    );
    assert.equal(ok.status, 302);
    assert.equal(ok.headers.get('location'), spa().logoutUri);
    const bad = await get(
      `${tenant.url}/v2/logout?client_id=${spa().clientId}&returnTo=${encodeURIComponent('https://evil.example/')}`,
    );
    assert.equal(bad.status, 400);
    assert.equal(bad.headers.get('location'), null);
  });

  it('/oidc/logout: with id_token_hint, 302 to post_logout_redirect_uri with state; without, a confirmation page', async () => {
    const { answer } = await login({ response_type: 'id_token', nonce: 'n-7' });
    const idToken = new URLSearchParams(new URL(answer.headers.get('location')!).hash.slice(1)).get('id_token')!;
    const res = await get(
      `${tenant.url}/oidc/logout?${new URLSearchParams({ id_token_hint: idToken, post_logout_redirect_uri: spa().logoutUri!, state: 'bye' })}`,
    );
    assert.equal(res.status, 302);
    assert.equal(res.headers.get('location'), `${spa().logoutUri}?state=bye`);
    const confirm = await get(`${tenant.url}/oidc/logout`);
    assert.equal(confirm.status, 200);
    const bad = await get(
      `${tenant.url}/oidc/logout?${new URLSearchParams({ id_token_hint: idToken, post_logout_redirect_uri: 'https://evil.example/' })}`,
    );
    assert.equal(bad.status, 400);
  });

  it('magic link from /passwordless/start signs the user in and returns a code to the callback', async () => {
    const email = 'link@harness.local';
    await postJson(`${tenant.url}/passwordless/start`, {
      client_id: spa().clientId,
      connection: 'email',
      email,
      send: 'link',
      authParams: { redirect_uri: spa().redirectUri, state: 's-link', scope: 'openid' },
    });
    const message = (await get(`${tenant.url}/__tenant/outbox?to=${email}`)).json.messages[0];
    assert.equal(message.kind, 'link');
    const landing = await get(message.link.replace(tenant.issuer, `${tenant.url}/`));
    assert.equal(landing.status, 302);
    const callback = new URL(landing.headers.get('location')!);
    assert.equal(callback.searchParams.get('state'), 's-link');
    assert.ok(callback.searchParams.get('code'));
  });
});
