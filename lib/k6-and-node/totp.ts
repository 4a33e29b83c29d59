import { Secret, TOTP } from 'otpauth';

// RFC 6238 TOTP as authenticator apps and Guardian use it (HMAC-SHA1, 30-second steps, six digits),
// for users.mfa.otpSecret on the harness side and for enrolment and verification in the local tenant.
// otpauth hashes in plain JavaScript (@noble/hashes), so this one module runs in k6 and in Node.

const STEP_SECONDS = 30;

function generator(secretBase32: string, digits: number): TOTP {
  let secret: Secret;
  try {
    secret = Secret.fromBase32(secretBase32.replace(/[\s-]/g, '').toUpperCase());
  } catch {
    throw new Error('the OTP secret is not base32 (RFC 4648: letters A-Z and digits 2-7)');
  }
  return new TOTP({ secret, algorithm: 'SHA1', digits, period: STEP_SECONDS });
}

/** The code an authenticator app shows at `atMs`. */
export function totp(secretBase32: string, atMs = Date.now(), digits = 6): string {
  return generator(secretBase32, digits).generate({ timestamp: atMs });
}

/** Accepts the current step and one either side, for clock drift, as authenticator servers do. */
export function verifyTotp(secretBase32: string, code: string, atMs = Date.now()): boolean {
  return generator(secretBase32, 6).validate({ token: code, timestamp: atMs, window: 1 }) !== null;
}

/** A fresh 160-bit secret in base32, the size RFC 4226 recommends for HMAC-SHA1. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}
