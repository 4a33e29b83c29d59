import type { Faults } from '../faults/faults.ts';
import type { SignOptions } from '../sign-jwt.ts';

const OTHER_ISSUER = 'https://another-tenant.eu.auth0.com/';

/** The token.* deviations that change claims common to access and ID tokens. */
export function applyCommonDeviations(claims: Record<string, unknown>, faults: Faults): void {
  if (faults.has('token.iss_without_trailing_slash')) claims.iss = String(claims.iss).replace(/\/+$/, '');
  if (faults.has('token.wrong_iss')) claims.iss = OTHER_ISSUER;
  if (faults.has('token.expired')) {
    const now = Math.floor(Date.now() / 1000);
    claims.iat = now - 7200;
    claims.exp = now - 3600;
  }
}

export function signOptionsFor(faults: Faults, typ?: string): SignOptions {
  return {
    typ,
    corruptSignature: faults.has('token.bad_signature'),
    kidOverride: faults.has('token.unknown_kid') ? 'kid-not-in-jwks' : undefined,
  };
}
