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
// Any NumericDate above this is milliseconds: epoch seconds reach it only in the year 5138.
const EPOCH_SECONDS_MAX = 99_999_999_999;

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
 * Why the assertion's times break Auth0's rules (docs/auth0-api.md §5), or undefined when they hold:
 * iat and nbf at most 10 s in the future, iat in seconds, and a lifetime of at most 5 minutes,
 * counted from iat when the assertion has one (exp - iat), else from now.
 */
function timingProblem(tenant: TenantState, payload: { iat?: number; exp?: number }, now: number): string | undefined {
  const exp = payload.exp as number;
  const iat = payload.iat;
  if (iat !== undefined && !tenant.faults.has('client_assertion.iat_unchecked')) {
    if (iat > EPOCH_SECONDS_MAX) return 'The client_assertion "iat" claim must be a time in seconds, not milliseconds.';
    if (iat > now + CLOCK_SKEW_S)
      return `The client_assertion "iat" claim must not be more than ${CLOCK_SKEW_S} seconds in the future.`;
  }
  if (tenant.faults.has('client_assertion.lifetime_unchecked')) return undefined;
  const from = iat !== undefined && iat <= EPOCH_SECONDS_MAX ? iat : now;
  if (exp - from > MAX_LIFETIME_S + (iat === undefined ? CLOCK_SKEW_S : 0))
    return iat === undefined
      ? 'The client_assertion "exp" must be at most 5 minutes in the future.'
      : 'The client_assertion "exp" claim must specify a time that is no more than 5 minutes after "iat".';
  return undefined;
}

/**
 * Verifies a client assertion against the application's registered key and alg (docs/auth0-api.md §5): iss = sub =
 * client_id, aud = the tenant's issuer, iat and nbf at most 10 s ahead, at most 5 minutes of lifetime,
 * single-use jti, 2,048 bytes max. Auth0's exact error texts for these cases are unconfirmed
 * (docs/auth0-api.md §7.16); each says what failed.
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
      audience: tenant.faults.has('client_assertion.audience_unchecked') ? undefined : tenant.issuer,
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
  const timing = timingProblem(tenant, payload, now);
  if (timing) return { ok: false, description: timing };
  const jti = String(payload.jti);
  if ([jti, String(payload.iss), String(payload.sub)].some((v) => v.length > MAX_CLAIM_CHARS)) {
    return {
      ok: false,
      description: `The client_assertion "iss", "sub" and "jti" claims must not exceed ${MAX_CLAIM_CHARS} characters.`,
    };
  }
  const replayKey = `${client.clientId}\u0000${jti}`;
  if (tenant.usedAssertionIds.has(replayKey) && !tenant.faults.has('client_assertion.jti_reuse_allowed'))
    return { ok: false, description: 'The client_assertion "jti" has already been used.' };
  tenant.usedAssertionIds.set(replayKey, true, (exp - now + CLOCK_SKEW_S) * 1000);
  return { ok: true };
}
