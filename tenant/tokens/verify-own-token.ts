import { verify } from 'node:crypto';
import type { TenantState } from '../tenant-state.ts';

export interface VerifiedToken {
  sub: string;
  aud: string[];
  scope: string[];
  clientId: string;
  claims: Record<string, unknown>;
}

/**
 * Verifies a JWT this tenant signed (RS256, any published key). `allowExpired` serves id_token_hint,
 * which OIDC RP-initiated logout accepts after expiry.
 */
export function verifyOwnJwt(tenant: TenantState, token: string, allowExpired = false): VerifiedToken | undefined {
  const [header, payload, signature] = token.split('.');
  if (!header || !payload || !signature) return undefined;
  let claims: Record<string, unknown>;
  let kid: unknown;
  try {
    const h = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: string; kid?: string };
    if (h.alg !== 'RS256') return undefined;
    kid = h.kid;
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const key = tenant.keys.find((k) => k.kid === kid);
  if (
    !key ||
    !verify('sha256', Buffer.from(`${header}.${payload}`), key.publicKey, Buffer.from(signature, 'base64url'))
  )
    return undefined;
  if (claims.iss !== tenant.issuer) return undefined;
  if (!allowExpired && (typeof claims.exp !== 'number' || claims.exp * 1000 <= Date.now())) return undefined;
  const aud = Array.isArray(claims.aud) ? claims.aud.map(String) : [String(claims.aud)];
  return {
    sub: String(claims.sub),
    aud,
    scope: typeof claims.scope === 'string' ? claims.scope.split(' ').filter(Boolean) : [],
    clientId: String(claims.azp ?? claims.client_id ?? aud[0]),
    claims,
  };
}

/** The access token in `Authorization: Bearer …`: one of this tenant's JWTs or an opaque token it issued. */
export function verifyBearer(tenant: TenantState, authorization: string | undefined): VerifiedToken | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  if (!match) return undefined;
  const opaque = tenant.opaqueTokens.get(match[1]);
  if (opaque)
    return {
      sub: opaque.userId,
      aud: [tenant.userinfoAudience],
      scope: opaque.scope,
      clientId: opaque.clientId,
      claims: {},
    };
  return verifyOwnJwt(tenant, match[1]);
}
