import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { ApiFixture } from '../fixture.ts';
import { signJwt } from '../sign-jwt.ts';
import type { TenantState } from '../tenant-state.ts';
import { applyCommonDeviations, signOptionsFor } from './claim-deviations.ts';

export interface AccessTokenRequest {
  clientId: string;
  /** `{client_id}@clients` for client_credentials, the user id otherwise. */
  sub: string;
  /** Registered API, or undefined for an opaque /userinfo-only token (docs/auth0-api.md §2.1). */
  api?: ApiFixture;
  scope: string[];
  /** Auth0 marks only these grants with gty (docs/auth0-api.md §2.3). */
  gty?: 'client-credentials' | 'password' | 'refresh_token';
  permissions?: string[];
  /** The token also serves /userinfo: aud becomes [api, https://{tenant}/userinfo]. */
  withUserinfo: boolean;
  /** The certificate the token request presented (handshake or edge): the token is bound to it if asked. */
  certificateThumbprint?: string;
  /** Override for built-in audiences (the MFA API). */
  audience?: string;
  lifetimeSeconds?: number;
}

export interface IssuedAccessToken {
  accessToken: string;
  expiresIn: number;
}

const OPAQUE_LIFETIME = 86400;
/** Tokens for the /mfa/ audience are fixed at 600 s (docs/auth0-api.md §2.1). */
export const MFA_TOKEN_LIFETIME = 600;

/** Auth0's SHA-256 certificate thumbprint for cnf (RFC 8705 §3.1). */
export function certificateThumbprint(der: Buffer): string {
  return createHash('sha256').update(der).digest('base64url');
}

/**
 * Whether the client (RFC 8705 §3.4 tls_client_certificate_bound_access_tokens) or the API (Auth0's
 * proof_of_possession with mtls) asks for certificate-bound access tokens (RFC 8705 §3).
 */
function bindsToCertificate(tenant: TenantState, request: AccessTokenRequest): boolean {
  return (
    tenant.findClient(request.clientId)?.tlsClientCertificateBoundAccessTokens === true ||
    request.api?.proofOfPossession?.mechanism === 'mtls'
  );
}

export function issueAccessToken(tenant: TenantState, request: AccessTokenRequest): IssuedAccessToken {
  const faults = tenant.faults;
  const audience = request.audience ?? request.api?.identifier;
  if (!audience) {
    // No API audience: an opaque token only /userinfo understands (docs/auth0-api.md §2.1).
    const accessToken = randomBytes(24).toString('base64url');
    tenant.opaqueTokens.set(
      accessToken,
      { userId: request.sub, clientId: request.clientId, scope: request.scope },
      OPAQUE_LIFETIME * 1000,
    );
    return { accessToken, expiresIn: OPAQUE_LIFETIME };
  }
  const lifetime = request.lifetimeSeconds ?? request.api?.tokenLifetimeSeconds ?? 86400;
  const iat = Math.floor(Date.now() / 1000);
  const rfc9068 = request.api?.tokenDialect === 'rfc9068_profile';
  let aud: string | string[] = request.withUserinfo ? [audience, tenant.userinfoAudience] : audience;
  if (faults.has('token.wrong_aud')) aud = 'https://wrong-audience.harness.local/';
  let sub = request.sub;
  if (faults.has('token.wrong_sub'))
    sub = sub.endsWith('@clients') ? sub.slice(0, -'@clients'.length) : 'auth0|someone-else';

  const claims: Record<string, unknown> = {
    iss: tenant.issuer,
    sub,
    aud,
    iat,
    exp: iat + lifetime,
    scope: request.scope.join(' '),
  };
  if (rfc9068) {
    claims.jti = randomUUID();
    claims.client_id = request.clientId;
  } else {
    claims.azp = request.clientId;
    if (request.gty && !faults.has('token.missing_gty')) claims.gty = request.gty;
  }
  if (request.permissions) claims.permissions = request.permissions;
  if (request.certificateThumbprint && bindsToCertificate(tenant, request)) {
    // Deviation token.wrong_cnf: the thumbprint of a certificate the client never presented.
    const thumbprint = faults.has('token.wrong_cnf')
      ? certificateThumbprint(Buffer.from(`not ${request.certificateThumbprint}`))
      : request.certificateThumbprint;
    claims.cnf = { 'x5t#S256': thumbprint };
  }
  applyCommonDeviations(claims, faults);
  return {
    accessToken: signJwt(claims, tenant.keys[0], signOptionsFor(faults, rfc9068 ? 'at+jwt' : 'JWT')),
    expiresIn: lifetime,
  };
}
