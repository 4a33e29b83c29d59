import { createHash, randomBytes } from 'node:crypto';
import { signJwt, signJwtHs256 } from '../sign-jwt.ts';
import type { Application } from '../materialise-fixture.ts';
import type { TenantState } from '../tenant-state.ts';
import type { TenantUser } from '../user-directory.ts';
import { applyCommonDeviations, signOptionsFor } from './claim-deviations.ts';

/** ID token lifetime: Auth0's default of 36000 s (docs/auth0-api.md §2.1). */
const ID_TOKEN_LIFETIME = 36000;

/** OIDC Core §3.1.3.6: left half of the SHA-256 of the value, base64url (RS256/HS256). */
export function halfHash(value: string): string {
  const digest = createHash('sha256').update(value).digest();
  return digest.subarray(0, digest.length / 2).toString('base64url');
}

export interface IdTokenRequest {
  client: Application;
  user: TenantUser;
  scope: string[];
  nonce?: string;
  authTime: number;
  sid?: string;
  /** Issued alongside these from /authorize (implicit/hybrid): at_hash / c_hash. */
  accessToken?: string;
  code?: string;
}

/** The standard profile claims the scopes ask for (docs/auth0-api.md §2.2 "profile claims"). */
export function profileClaims(user: TenantUser, scope: string[]): Record<string, unknown> {
  const claims: Record<string, unknown> = {};
  if (scope.includes('profile')) {
    claims.name = user.name ?? user.email ?? user.phoneNumber;
    claims.nickname = (user.email ?? user.username ?? user.phoneNumber ?? '').split('@')[0];
    claims.picture = `https://s.gravatar.com/avatar/${createHash('md5')
      .update(user.email ?? user.userId)
      .digest('hex')}?s=480&r=pg&d=mp`;
    claims.updated_at = user.updatedAt;
  }
  if (scope.includes('email') && user.email) {
    claims.email = user.email;
    claims.email_verified = user.emailVerified;
  }
  if (scope.includes('phone') && user.phoneNumber) {
    claims.phone_number = user.phoneNumber;
    claims.phone_number_verified = user.phoneVerified ?? false;
  }
  return claims;
}

export function issueIdToken(tenant: TenantState, request: IdTokenRequest, withAccessToken: boolean): string {
  const faults = tenant.faults;
  const iat = Math.floor(Date.now() / 1000);
  const claims: Record<string, unknown> = {
    ...profileClaims(request.user, request.scope),
    iss: tenant.issuer,
    aud: faults.has('token.wrong_aud') ? 'wrong-client-id' : request.client.clientId,
    sub: faults.has('token.wrong_sub') ? 'auth0|someone-else' : request.user.userId,
    iat,
    exp: iat + ID_TOKEN_LIFETIME,
    auth_time: request.authTime,
  };
  if (request.sid) claims.sid = request.sid;
  if (request.nonce && !faults.has('id_token.nonce_not_echoed')) claims.nonce = request.nonce;
  if (request.accessToken) claims.at_hash = halfHash(request.accessToken);
  if (withAccessToken && faults.has('id_token.wrong_at_hash'))
    claims.at_hash = halfHash(randomBytes(16).toString('hex'));
  if (request.code) claims.c_hash = halfHash(request.code);
  applyCommonDeviations(claims, faults);
  if (request.client.idTokenSigningAlg === 'HS256' && request.client.clientSecret) {
    return signJwtHs256(claims, request.client.clientSecret, signOptionsFor(faults));
  }
  return signJwt(claims, tenant.keys[0], signOptionsFor(faults));
}
