import { errorChecks } from '../../checks/errors/error-cases.ts';
import { jsonBody, type Exchange, type ExchangeExpectations } from '../../checks/exchange.ts';
import { redirectChecksFor, redirectEchoesState, redirectParams } from '../../checks/http/redirect.ts';
import { tokenCheckSets } from '../../checks/sets/token-checks.ts';
import { tokenSuccessChecks } from '../../checks/sets/token-response.ts';
import type { TokenExpectations } from '../../checks/token/token-under-test.ts';
import type { TokenResponse } from '../../checks/schemas/token-response.ts';
import type { ClientMethod } from '../k6-and-node/credential-methods.ts';
import type { TestUser } from '../k6-and-node/harness-config.ts';
import { loginSteps, NO_LOGIN_DESCRIPTION, type LoginStep } from '../k6-and-node/login-description.ts';
import { createPkce } from '../pkce.ts';
import { recordChecks, recordSkip } from '../record-checks.ts';
import type { CheckCell } from '../k6-and-node/result-protocol.ts';
import { AUTHORIZE_ENDPOINT, authorizeThroughLogin } from './browser-login.ts';
import { endpointUnknown } from './discovery.ts';
import type { ConformanceContext, FlowContext } from './flow-context.ts';
import { refreshRefused, refreshTokens } from './refresh-token.ts';
import { checkAccessToken, tenantToken } from './token-checks-for.ts';
import { postAsClient, TOKEN_ENDPOINT } from './token-request.ts';
import { userinfoWithToken } from './userinfo.ts';

const AUTHORIZE: CheckCell = { endpoint: AUTHORIZE_ENDPOINT, credential: 'none' };
// Auth0 puts auth_time in the ID token when max_age is sent (OIDC Core §3.1.2.1).
const MAX_AGE = '3600';

const random = (): string => crypto.randomUUID().replace(/-/g, '');

export interface BrowserLogin {
  user: TestUser;
  clientId: string;
  redirectUri: string;
  authorizationEndpoint: string;
  steps: LoginStep[];
}

/** The user, public client, callback URL and login description browser flows need, or why they cannot run. */
export function browserLogin(ctx: FlowContext): BrowserLogin | string {
  const user = ctx.config.users.plain;
  const client = ctx.config.clients.none;
  if (!user) return 'no test user in the harness configuration (users.plain)';
  if (!client?.redirectUri)
    return 'no public client with a redirectUri in the harness configuration (clients.none.redirectUri)';
  const steps = loginSteps(ctx.config.login, ctx.profile, ctx.config.localTenant !== undefined);
  if (!steps) return NO_LOGIN_DESCRIPTION;
  const authorizationEndpoint = ctx.tenant.endpoints.authorization_endpoint;
  if (!authorizationEndpoint) return endpointUnknown(ctx.tenant, 'authorization_endpoint');
  return { user, clientId: client.clientId, redirectUri: client.redirectUri, authorizationEndpoint, steps };
}

/**
 * What names the API in an authorization request: Auth0's audience, or RFC 8707's resource. The
 * standards grant offline_access only with prompt=consent (OIDC Core §11).
 */
const apiParams = (ctx: FlowContext, offline: boolean): Record<string, string> =>
  ctx.profile === 'auth0'
    ? { audience: ctx.config.audience }
    : { resource: ctx.config.audience, ...(offline ? { prompt: 'consent' } : {}) };

/** One /authorize round trip; the redirect to the application is checked, and returned when good. */
async function authorize(
  ctx: FlowContext,
  login: BrowserLogin,
  responseType: string,
  params: Record<string, string>,
  expect: ExchangeExpectations,
  flow: string,
  clientId = login.clientId,
  redirectUri = login.redirectUri,
): Promise<Map<string, string> | undefined> {
  const { arrived, stuck, why } = await authorizeThroughLogin(
    login.authorizationEndpoint,
    { clientId, redirectUri, responseType, params },
    login.user,
    login.steps,
  );
  const exchange = (arrived ?? stuck) as Exchange;
  exchange.expect = { redirectUri, state: params.state, ...expect };
  const checks = [...redirectChecksFor(ctx.profile), redirectEchoesState];
  const ok = await recordChecks(AUTHORIZE, checks, exchange, exchange, why ? `${flow}: ${why}` : flow);
  return ok && arrived
    ? redirectParams(arrived.response.headers.location ?? '', expect.responseMode ?? 'query')
    : undefined;
}

function idTokenExpectations(ctx: FlowContext, clientId: string, extra: Partial<TokenExpectations>): TokenExpectations {
  return {
    issuer: ctx.config.issuer,
    discoveryIssuer: ctx.tenant.issuer,
    clientId,
    subject: ctx.config.users.plain?.userId,
    ...extra,
  };
}

// Auth0 puts the session id in ID tokens from /authorize (docs/auth0-api.md §2.2); the standards ask
// for sid only of providers that offer front- or back-channel logout.
const sessionChecks = (ctx: FlowContext) => (ctx.profile === 'auth0' ? tokenCheckSets.session : []);

const idTokenChecks = (ctx: FlowContext) =>
  ctx.config.users.plain?.userId
    ? tokenCheckSets.idToken
    : tokenCheckSets.idToken.filter((c) => c.id !== 'id_token.sub.is_logged_in_user');

/**
 * Authorization code with PKCE for the public client, through the login pages: the redirect carries
 * code and state; the code and verifier buy tokens whose ID token echoes the nonce, has auth_time
 * (max_age was sent) and a session id; the access token opens /userinfo; the refresh token buys new
 * tokens (for the API, by RFC 8707's resource, on the oidc profile) and, once rotated, is refused; the
 * same code again is refused, and so is a wrong verifier. The ID token is the hint RP-initiated logout
 * gives. The first browser flow: when none can run, it records why on /authorize.
 */
export async function codeWithPkce(ctx: ConformanceContext): Promise<void> {
  const login = browserLogin(ctx);
  if (typeof login === 'string') return recordSkip(AUTHORIZE, login);
  const pkce = await createPkce();
  const nonce = random();
  const params = {
    scope: 'openid profile email offline_access',
    ...apiParams(ctx, true),
    state: random(),
    nonce,
    code_challenge: pkce.challenge,
    code_challenge_method: pkce.method,
    max_age: MAX_AGE,
  };
  const redirect = await authorize(
    ctx,
    login,
    'code',
    params,
    { responseMode: 'query', redirectParams: ['code'] },
    'authorization code with PKCE',
  );
  const code = redirect?.get('code');
  if (!code) return;

  const cell: CheckCell = { endpoint: TOKEN_ENDPOINT, credential: 'none' };
  const url = ctx.tenant.endpoints.token_endpoint as string;
  const exchangeCode = (verifier: string, withCode = code) =>
    postAsClient(ctx, {
      endpoint: TOKEN_ENDPOINT,
      url,
      method: 'none',
      params: {
        grant_type: 'authorization_code',
        code: withCode,
        code_verifier: verifier,
        redirect_uri: login.redirectUri,
      },
      expectedStatuses: [200, 400, 403],
    });
  const tokens = await exchangeCode(pkce.verifier);
  if (tokens && (await recordChecks(cell, tokenSuccessChecks, tokens, tokens, 'code exchange with the verifier'))) {
    const body = jsonBody(tokens.response) as TokenResponse;
    // On the oidc profile this access token is the one OIDC Core §5.3 gives for /userinfo, opaque to
    // the client; the API's own token comes with the refresh below.
    if (ctx.profile === 'auth0')
      await checkAccessToken(
        ctx,
        cell,
        tokens,
        { clientId: login.clientId, audience: ctx.config.audience },
        [],
        'code exchange with the verifier',
      );
    const idToken = tenantToken(
      ctx,
      'id_token',
      body.id_token ?? '',
      idTokenExpectations(ctx, login.clientId, { nonce, maxAgeSent: true }),
    );
    await recordChecks(
      cell,
      [...idTokenChecks(ctx), ...tokenCheckSets.nonce, ...tokenCheckSets.authTime, ...sessionChecks(ctx)],
      idToken,
      tokens,
      'code exchange with the verifier',
    );
    if (body.id_token) ctx.learned.idTokenHint ??= body.id_token;
    await userinfoWithToken(ctx, body);
    if (body.refresh_token) await refreshForTheApi(ctx, login, body.refresh_token);
  }
  const reused = await exchangeCode(pkce.verifier);
  if (reused)
    await recordChecks(cell, errorChecks('invalid_code', ctx.profile), reused, reused, 'the same code exchanged twice');

  // A second code from the same session (no login page this time), with a verifier that does not match.
  const second = await authorize(
    ctx,
    login,
    'code',
    { ...params, state: random() },
    { responseMode: 'query', redirectParams: ['code'] },
    'authorization code with an existing session',
  );
  const secondCode = second?.get('code');
  if (!secondCode) return;
  const wrong = await exchangeCode((await createPkce()).verifier, secondCode);
  if (wrong)
    await recordChecks(
      cell,
      errorChecks('bad_code_verifier', ctx.profile),
      wrong,
      wrong,
      'code exchange with a wrong verifier',
    );
}

/**
 * The public client's refresh: new tokens (on the oidc profile an RFC 9068 access token for the API,
 * asked for by resource, RFC 8707 §2.2), and the replaced refresh token refused once rotated.
 */
async function refreshForTheApi(ctx: FlowContext, login: BrowserLogin, refreshToken: string): Promise<void> {
  const cell: CheckCell = { endpoint: TOKEN_ENDPOINT, credential: 'none' };
  const refreshed = await refreshTokens(
    ctx,
    'none',
    refreshToken,
    ctx.profile === 'auth0' ? {} : { resource: ctx.config.audience },
  );
  if (!refreshed) return;
  await checkAccessToken(
    ctx,
    cell,
    refreshed.exchange,
    { clientId: login.clientId, audience: ctx.config.audience },
    [],
    'refresh_token',
  );
  if (refreshed.tokens.id_token) {
    const idToken = tenantToken(
      ctx,
      'id_token',
      refreshed.tokens.id_token,
      idTokenExpectations(ctx, login.clientId, {}),
    );
    await recordChecks(cell, idTokenChecks(ctx), idToken, refreshed.exchange, 'refresh_token');
  }
  if (refreshed.tokens.refresh_token && refreshed.tokens.refresh_token !== refreshToken)
    await refreshRefused(ctx, 'none', refreshToken, 'reused_refresh_token', 'refresh_token reusing a rotated token');
}

/**
 * Authorization code for a confidential client, redeemed with its own client authentication, and
 * with PKCE too, as RFC 9700 §2.1.1 recommends for every client (some providers require it).
 */
export async function codeForConfidentialClient(
  ctx: FlowContext,
  method: Exclude<ClientMethod, 'none'>,
): Promise<void> {
  const login = browserLogin(ctx);
  if (typeof login === 'string') return;
  const client = ctx.config.clients[method];
  const redirectUri = client && 'redirectUri' in client ? client.redirectUri : undefined;
  if (!client || !redirectUri) return;
  const nonce = random();
  const pkce = await createPkce();
  const params = {
    scope: 'openid profile',
    ...apiParams(ctx, false),
    state: random(),
    nonce,
    code_challenge: pkce.challenge,
    code_challenge_method: pkce.method,
  };
  const redirect = await authorize(
    ctx,
    login,
    'code',
    params,
    { responseMode: 'query', redirectParams: ['code'] },
    `authorization code for ${method}`,
    client.clientId,
    redirectUri,
  );
  const code = redirect?.get('code');
  if (!code) return;
  const cell: CheckCell = { endpoint: TOKEN_ENDPOINT, credential: method };
  const tokens = await postAsClient(ctx, {
    endpoint: TOKEN_ENDPOINT,
    url: ctx.tenant.endpoints.token_endpoint as string,
    method,
    params: { grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: pkce.verifier },
    expectedStatuses: [200],
  });
  if (!tokens || !(await recordChecks(cell, tokenSuccessChecks, tokens, tokens, `code exchange by ${method}`))) return;
  const idToken = tenantToken(
    ctx,
    'id_token',
    (jsonBody(tokens.response) as TokenResponse).id_token ?? '',
    idTokenExpectations(ctx, client.clientId, { nonce }),
  );
  await recordChecks(
    cell,
    [...idTokenChecks(ctx), ...tokenCheckSets.nonce],
    idToken,
    tokens,
    `code exchange by ${method}`,
  );
}

/** Implicit (id_token token) in the fragment: the ID token echoes the nonce and binds the access token by at_hash. */
export async function implicit(ctx: FlowContext): Promise<void> {
  const login = browserLogin(ctx);
  if (typeof login === 'string') return;
  const nonce = random();
  const params = { scope: 'openid profile', ...apiParams(ctx, false), state: random(), nonce };
  const fragment = await authorize(
    ctx,
    login,
    'id_token token',
    params,
    { responseMode: 'fragment', redirectParams: ['access_token', 'id_token', 'token_type', 'expires_in'] },
    'implicit id_token token',
  );
  const accessToken = fragment?.get('access_token');
  const rawIdToken = fragment?.get('id_token');
  if (!accessToken || !rawIdToken) return;
  const idToken = tenantToken(
    ctx,
    'id_token',
    rawIdToken,
    idTokenExpectations(ctx, login.clientId, { nonce, accessToken }),
  );
  await recordChecks(
    AUTHORIZE,
    [...idTokenChecks(ctx), ...tokenCheckSets.nonce, ...tokenCheckSets.atHash],
    idToken,
    undefined,
    'implicit id_token token',
  );
  const at = tenantToken(ctx, 'access_token', accessToken, {
    issuer: ctx.config.issuer,
    discoveryIssuer: ctx.tenant.issuer,
    clientId: login.clientId,
    audience: ctx.config.audience,
  });
  await recordChecks(AUTHORIZE, tokenCheckSets.accessToken, at, undefined, 'implicit id_token token');
}

/**
 * Hybrid (code id_token) in the fragment: the ID token echoes the nonce and binds the code by c_hash.
 * Its ID token is the id_token_hint the logout flow gives.
 */
export async function hybrid(ctx: ConformanceContext): Promise<void> {
  const login = browserLogin(ctx);
  if (typeof login === 'string') return;
  const nonce = random();
  const params = { scope: 'openid profile', state: random(), nonce };
  const fragment = await authorize(
    ctx,
    login,
    'code id_token',
    params,
    { responseMode: 'fragment', redirectParams: ['code', 'id_token'] },
    'hybrid code id_token',
  );
  const code = fragment?.get('code');
  const rawIdToken = fragment?.get('id_token');
  if (!code || !rawIdToken) return;
  ctx.learned.idTokenHint = rawIdToken;
  const idToken = tenantToken(ctx, 'id_token', rawIdToken, idTokenExpectations(ctx, login.clientId, { nonce, code }));
  await recordChecks(
    AUTHORIZE,
    [...idTokenChecks(ctx), ...tokenCheckSets.nonce, ...tokenCheckSets.cHash],
    idToken,
    undefined,
    'hybrid code id_token',
  );
}
