import { describeAnswer, jsonBody } from '../../checks/exchange.ts';
import type { TokenResponse } from '../../checks/schemas/token-response.ts';
import { tokenUnderTest } from '../../checks/token/token-under-test.ts';
import type { FlowContext } from './flow-context.ts';
import { postAsClient, TOKEN_ENDPOINT } from './token-request.ts';
import { passwordRealm } from './user-login.ts';

// One login per run serves every flow that needs the user's tokens: Auth0 limits logins to one
// account from one IP (docs/auth0-api.md §4.5), and the suite should not spend that on repeats.
let cached: Promise<TokenResponse | string> | undefined;

/**
 * Tokens of the configured plain user for the API, with `openid profile email`, for flows that need
 * them as a means (userinfo, SSO data, the legacy endpoints): a password-realm login through the
 * client_secret_post application, made once and shared. The token endpoint's own checks are the
 * password-realm login flow's; here a failure is only a reason.
 */
export function plainUserTokens(ctx: FlowContext): Promise<TokenResponse | string> {
  cached ??= plainUserLogin(ctx, { audience: ctx.config.audience, scope: 'openid profile email' });
  return cached;
}

/**
 * A password-realm login of users.plain through the client_secret_post application, for `audience`
 * with `scope`: its tokens, or why there are none.
 */
export async function plainUserLogin(
  ctx: FlowContext,
  request: { audience: string; scope: string },
): Promise<TokenResponse | string> {
  const user = ctx.config.users.plain;
  if (!user || !ctx.config.clients.client_secret_post)
    return 'a user login needs users.plain and a client_secret_post client in the harness configuration';
  const login = await postAsClient(ctx, {
    endpoint: TOKEN_ENDPOINT,
    url: ctx.tenant.endpoints.token_endpoint as string,
    method: 'client_secret_post',
    params: { ...passwordRealm(ctx, user), ...request },
    expectedStatuses: [200],
  });
  const tokens = login?.response.status === 200 ? (jsonBody(login.response) as TokenResponse) : undefined;
  if (!tokens?.access_token)
    return `the users.plain password-realm login ${login ? describeAnswer(login.response) : 'was not sent'}`;
  return tokens;
}

/** The sub claim of a JWT, read without verifying it (the token checks verify). */
export function subjectOf(jwt: string | undefined): string | undefined {
  if (!jwt) return undefined;
  const sub = tokenUnderTest('id_token', jwt, { issuer: '', clientId: '' }).payload?.sub;
  return typeof sub === 'string' ? sub : undefined;
}
