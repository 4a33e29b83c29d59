import type { Exchange } from '../../checks/exchange.ts';
import { redirectChecks, redirectEchoesState } from '../../checks/http/redirect.ts';
import { createPkce } from '../pkce.ts';
import { sendRequest } from '../send-request.ts';
import { FLOW_LOGIN_SCOPE, type LoginUser } from './user-login.ts';

// Authorization code + PKCE through the login page, as a browser does it (docs/auth0-api.md §1.1): /authorize sends
// the user to the login page, the page's form posts the credentials, the redirect carries the code,
// and the code is exchanged with the verifier. prompt=login makes every iteration show the page, so
// the VU's session cookie never short-cuts it.

export const AUTHORIZE = 'GET /authorize';
export const LOGIN_PAGE = 'GET /u/login';
export const LOGIN_POST = 'POST /u/login';

export interface LoginPageResult {
  /** The final redirect to the application, with the expectations its checks read. */
  callback: Exchange;
  code: string;
  verifier: string;
}

/** The value of a query parameter of a URL, without URLSearchParams (not in every k6 runtime). */
function queryParam(url: string, name: string): string | undefined {
  const m = new RegExp(`[?&]${name}=([^&#]*)`).exec(url);
  return m ? decodeURIComponent(m[1].replace(/\+/g, ' ')) : undefined;
}

function absolute(baseUrl: string, location: string): string {
  return /^https?:\/\//i.test(location) ? location : `${baseUrl}${location.startsWith('/') ? '' : '/'}${location}`;
}

const form = (params: Record<string, string>) =>
  Object.keys(params)
    .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(params[k])}`)
    .join('&');

/** Runs the browser part of the flow; undefined when a step did not answer as a login page does. */
export async function loginThroughPage(
  baseUrl: string,
  authorizeUrl: string,
  client: { clientId: string; redirectUri: string },
  audience: string,
  user: LoginUser,
): Promise<LoginPageResult | undefined> {
  const pkce = await createPkce();
  const state = `load-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  const authorize = await sendRequest({
    endpoint: AUTHORIZE,
    credential: 'none',
    method: 'GET',
    url: `${authorizeUrl}?${form({ response_type: 'code', client_id: client.clientId, redirect_uri: client.redirectUri, scope: FLOW_LOGIN_SCOPE, audience, state, code_challenge: pkce.challenge, code_challenge_method: pkce.method, prompt: 'login' })}`,
    redirects: 0,
    expectedStatuses: [302],
  });
  const pageUrl = authorize.response.headers.location;
  if (!pageUrl) return undefined;
  const page = await sendRequest({
    endpoint: LOGIN_PAGE,
    credential: 'none',
    method: 'GET',
    url: absolute(baseUrl, pageUrl),
    redirects: 0,
    expectedStatuses: [200],
  });
  const transaction = /name="state" value="([^"]+)"/.exec(page.response.body)?.[1] ?? queryParam(pageUrl, 'state');
  if (!transaction) return undefined;
  const callback = await sendRequest({
    endpoint: LOGIN_POST,
    credential: 'none',
    method: 'POST',
    url: `${baseUrl}/u/login`,
    form: {
      state: transaction.replace(/&amp;/g, '&'),
      username: user.username,
      password: user.password,
      action: 'default',
    },
    redirects: 0,
    expectedStatuses: [302],
  });
  callback.expect = { redirectUri: client.redirectUri, state, responseMode: 'query', redirectParams: ['code'] };
  const code = queryParam(callback.response.headers.location ?? '', 'code');
  return code ? { callback, code, verifier: pkce.verifier } : undefined;
}

/** What the sampled callback must satisfy: a 302 to the registered redirect_uri with the code and the state. */
export const callbackChecks = [...redirectChecks, redirectEchoesState];
