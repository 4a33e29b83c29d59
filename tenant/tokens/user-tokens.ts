import type { Application } from '../materialise-fixture.ts';
import type { UserGrant } from '../grants/user-grant.ts';
import type { TenantState } from '../tenant-state.ts';
import type { TenantUser } from '../user-directory.ts';
import { issueAccessToken, MFA_TOKEN_LIFETIME } from './access-token.ts';
import { issueIdToken } from './id-token.ts';

const OIDC_SCOPES = new Set(['openid', 'profile', 'email', 'address', 'phone', 'offline_access']);
const MFA_API_SCOPES = ['enroll', 'read:authenticators', 'remove:authenticators'];

/** Refresh tokens with rotation live 30 days (docs/auth0-api.md §2.1); non-rotating ones are long-lived. */
const ROTATING_REFRESH_LIFETIME_MS = 30 * 24 * 3600 * 1000;
const REFRESH_LIFETIME_MS = 365 * 24 * 3600 * 1000;

export const splitScope = (scope: unknown): string[] =>
  typeof scope === 'string' ? scope.split(/\s+/).filter(Boolean) : [];

/**
 * The scopes a user token carries: the OIDC scopes asked for, plus the API scopes asked for that the
 * API defines (and, with RBAC, that the user holds). With no API scope asked, the password grant gets
 * every scope of the audience (docs/auth0-api.md §1.3).
 */
export function grantedScopes(
  tenant: TenantState,
  user: TenantUser,
  requested: string[],
  audience: string | undefined,
  allWhenNoneAsked: boolean,
): string[] {
  const oidc = requested.filter((s) => OIDC_SCOPES.has(s));
  if (!audience) return oidc;
  if (audience === tenant.mfaAudience) return [...oidc, ...requested.filter((s) => MFA_API_SCOPES.includes(s))];
  const api = tenant.findApi(audience);
  if (!api) return oidc;
  const asked = requested.filter((s) => !OIDC_SCOPES.has(s));
  let apiScopes = (asked.length === 0 && allWhenNoneAsked ? api.scopes : asked).filter((s) => api.scopes.includes(s));
  if (api.rbac) apiScopes = apiScopes.filter((s) => (user.permissions[api.identifier] ?? []).includes(s));
  return [...oidc, ...apiScopes];
}

export interface UserTokenOptions {
  gty?: 'password' | 'refresh_token';
  /** Reuse this refresh-token family (rotation) instead of starting one. */
  refreshFamily?: string;
  /** False when the grant must not mint a refresh token (implicit, refresh without rotation). */
  mayIssueRefreshToken: boolean;
  /** From /authorize (implicit/hybrid): at_hash and c_hash bind the ID token to these. */
  code?: string;
  fromAuthorizeEndpoint?: boolean;
}

export interface UserTokenResponse {
  access_token: string;
  id_token?: string;
  refresh_token?: string;
  scope: string;
  expires_in: number;
  token_type: 'Bearer';
}

function issueRefreshToken(tenant: TenantState, grant: UserGrant, client: Application, familyId?: string): string {
  const lifetime = client.refreshTokenRotation ? ROTATING_REFRESH_LIFETIME_MS : REFRESH_LIFETIME_MS;
  return tenant.refreshTokens.issue(grant, lifetime, familyId);
}

/** Access token (+ ID token with openid, + refresh token with offline_access) for a user grant. */
export function issueUserTokens(tenant: TenantState, grant: UserGrant, options: UserTokenOptions): UserTokenResponse {
  const client = tenant.findClient(grant.clientId) as Application;
  const user = tenant.findUser(grant.userId) as TenantUser;
  const api = grant.audience ? tenant.findApi(grant.audience) : undefined;
  const mfaAudience = grant.audience === tenant.mfaAudience;
  const openid = grant.scope.includes('openid');
  const { accessToken, expiresIn } = issueAccessToken(tenant, {
    clientId: client.clientId,
    sub: user.userId,
    api,
    audience: mfaAudience ? tenant.mfaAudience : undefined,
    lifetimeSeconds: mfaAudience ? MFA_TOKEN_LIFETIME : undefined,
    scope: grant.scope,
    gty: options.gty,
    permissions: api?.rbac && api.addPermissionsInToken ? (user.permissions[api.identifier] ?? []) : undefined,
    withUserinfo: openid && !mfaAudience,
    certificateThumbprint: grant.certificateThumbprint,
  });
  const response: UserTokenResponse = {
    access_token: accessToken,
    scope: grant.scope.join(' '),
    expires_in: expiresIn,
    token_type: 'Bearer',
  };
  if (openid) {
    response.id_token = issueIdToken(
      tenant,
      {
        client,
        user,
        scope: grant.scope,
        nonce: grant.nonce,
        authTime: grant.authTime,
        sid: grant.sid,
        accessToken: options.fromAuthorizeEndpoint ? accessToken : undefined,
        code: options.code,
      },
      true,
    );
  }
  const offline =
    grant.scope.includes('offline_access') &&
    (api ? api.allowOfflineAccess : !mfaAudience) &&
    client.grantTypes.includes('refresh_token');
  if (offline && options.mayIssueRefreshToken)
    response.refresh_token = issueRefreshToken(tenant, grant, client, options.refreshFamily);
  return response;
}
