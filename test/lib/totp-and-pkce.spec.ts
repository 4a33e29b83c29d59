import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { createPkce } from '../../lib/pkce.ts';
import { newTotpSecret, totp, verifyTotp } from '../../lib/k6-and-node/totp.ts';

// RFC 6238 appendix B: the SHA-1 secret "12345678901234567890", eight digits.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('TOTP for MFA users', () => {
  it('matches the RFC 6238 test vectors', () => {
    for (const [seconds, code] of [
      [59, '94287082'],
      [1111111109, '07081804'],
      [1234567890, '89005924'],
      [20000000000, '65353130'],
    ] as const) {
      assert.equal(totp(RFC_SECRET, seconds * 1000, 8), code, `T=${seconds}`);
    }
  });

  it('gives six digits by default and refuses a secret that is not base32, saying so', () => {
    assert.match(totp(RFC_SECRET), /^\d{6}$/);
    assert.throws(() => totp('not base32!'), /not base32/);
  });

  it('verifies the current step and one either side, and nothing further', () => {
    const at = 1_700_000_000_000;
    assert.ok(verifyTotp(RFC_SECRET, totp(RFC_SECRET, at), at));
    assert.ok(verifyTotp(RFC_SECRET, totp(RFC_SECRET, at - 30_000), at));
    assert.ok(verifyTotp(RFC_SECRET, totp(RFC_SECRET, at + 30_000), at));
    assert.ok(!verifyTotp(RFC_SECRET, totp(RFC_SECRET, at - 90_000), at));
    assert.ok(!verifyTotp(RFC_SECRET, 'abcdef', at));
  });

  it('draws fresh 160-bit base32 secrets', () => {
    const a = newTotpSecret();
    assert.match(a, /^[A-Z2-7]{32}$/);
    assert.notEqual(a, newTotpSecret());
  });
});

describe('PKCE', () => {
  it('derives the S256 challenge from a fresh 43-character verifier', async () => {
    const a = await createPkce();
    const b = await createPkce();
    assert.match(a.verifier, /^[A-Za-z0-9_-]{43}$/);
    assert.notEqual(a.verifier, b.verifier);
    assert.equal(a.challenge, createHash('sha256').update(a.verifier).digest('base64url'));
    assert.equal(a.method, 'S256');
  });
});
