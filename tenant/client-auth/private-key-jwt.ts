import { createPublicKey } from 'node:crypto';
import { errors, jwtVerify } from 'jose';
import type { Application } from '../materialise-fixture.ts';
import type { TenantState } from '../tenant-state.ts';

export const JWT_BEARER_ASSERTION = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

// Limits from docs/auth0-api.md §5 (private_key_jwt assertion rules).
const MAX_ASSERTION_BYTES = 2048;
const MAX_CLAIM_CHARS = 64;
const MAX_LIFETIME_S = 300;
const CLOCK_SKEW_S = 10;

export type AssertionOutcome = { ok: true } | { ok: false; description: string };

/** The client_id an assertion claims (its iss), read without trusting it. */
export function assertionIssuer(assertion: string): string | undefined {
  try {
    const payload = JSON.parse(Buffer.from(assertion.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
      iss?: unknown;
    };
    return typeof payload.iss === 'string' ? payload.iss : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Verifies a client assertion against the application's registered key and alg (docs/auth0-api.md §5): iss = sub =
 * client_id, aud = the tenant's issuer, exp at most 5 minutes ahead, single-use jti, 2,048 bytes max.
 * Auth0's exact error texts for these cases are unconfirmed (docs/auth0-api.md §7.16); each says what failed.
 */
export async function verifyClientAssertion(
  tenant: TenantState,
  client: Application,
  assertion: string,
): Promise<AssertionOutcome> {
  const registered = client.privateKeyJwt;
  if (!registered?.publicKeyPem)
    return { ok: false, description: 'The client has no registered credential for private_key_jwt.' };
  if (Buffer.byteLength(assertion) > MAX_ASSERTION_BYTES)
    return { ok: false, description: `client_assertion must not exceed ${MAX_ASSERTION_BYTES} bytes.` };
  let payload;
  try {
    ({ payload } = await jwtVerify(assertion, createPublicKey(registered.publicKeyPem), {
      algorithms: [registered.alg],
      audience: tenant.issuer,
      issuer: client.clientId,
      subject: client.clientId,
      requiredClaims: ['exp', 'jti'],
      clockTolerance: CLOCK_SKEW_S,
    }));
  } catch (error) {
    if (error instanceof errors.JWTExpired) return { ok: false, description: 'The client_assertion has expired.' };
    if (error instanceof errors.JOSEAlgNotAllowed)
      return { ok: false, description: `The client_assertion must be signed with ${registered.alg}.` };
    if (error instanceof errors.JWTClaimValidationFailed)
      return { ok: false, description: `Invalid client_assertion: the "${error.claim}" claim is not valid.` };
    if (error instanceof errors.JWSSignatureVerificationFailed)
      return { ok: false, description: 'Invalid client_assertion signature.' };
    return { ok: false, description: 'Invalid client_assertion.' };
  }
  const now = Math.floor(Date.now() / 1000);
  const exp = payload.exp as number;
  if (exp > now + MAX_LIFETIME_S + CLOCK_SKEW_S)
    return { ok: false, description: 'The client_assertion "exp" must be at most 5 minutes in the future.' };
  const jti = String(payload.jti);
  if ([jti, String(payload.iss), String(payload.sub)].some((v) => v.length > MAX_CLAIM_CHARS)) {
    return {
      ok: false,
      description: `The client_assertion "iss", "sub" and "jti" claims must not exceed ${MAX_CLAIM_CHARS} characters.`,
    };
  }
  const replayKey = `${client.clientId}\u0000${jti}`;
  if (tenant.usedAssertionIds.has(replayKey))
    return { ok: false, description: 'The client_assertion "jti" has already been used.' };
  tenant.usedAssertionIds.set(replayKey, true, (exp - now + CLOCK_SKEW_S) * 1000);
  return { ok: true };
}
