import type { HarnessConfig } from '../k6-and-node/harness-config.ts';
import type { OutgoingRequest } from '../send-request.ts';
import { GRANT_TYPE } from '../k6-and-node/grant-types.ts';

// The password-realm grant (docs/auth0-api.md §1.3) as the load and rate-limit suites send it: the resource-owner
// login that needs no browser, through the public client when there is one.

/**
 * What the login flows (password_realm, authorization_code_pkce) ask for: no offline_access. Each of
 * their iterations is a new login; a refresh token from each would pile up for the pool's users, and
 * Auth0 keeps 200 per user and application, revoking the oldest: the ones the VUs hold and rotate.
 */
export const FLOW_LOGIN_SCOPE = 'openid profile email';

export interface LoginUser {
  username: string;
  password: string;
}

/** The client a user logs in through: the public one (no secret), else the client_secret_post one. */
export function loginClientParams(config: HarnessConfig): Record<string, string> | undefined {
  if (config.clients.none) return { client_id: config.clients.none.clientId };
  const post = config.clients.client_secret_post;
  return post ? { client_id: post.clientId, client_secret: post.clientSecret } : undefined;
}

export function passwordRealmRequest(
  config: HarnessConfig,
  tokenEndpoint: string,
  user: LoginUser,
  endpoint: string,
  expectedStatuses: number[],
  scope = 'openid profile email offline_access',
): OutgoingRequest | undefined {
  const client = loginClientParams(config);
  if (!client) return undefined;
  return {
    endpoint,
    credential: config.clients.none ? 'none' : 'client_secret_post',
    method: 'POST',
    url: tokenEndpoint,
    form: {
      grant_type: GRANT_TYPE.passwordRealm,
      ...client,
      username: user.username,
      password: user.password,
      realm: config.connections.database,
      audience: config.audience,
      scope,
    },
    expectedStatuses,
  };
}
