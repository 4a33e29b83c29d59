import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { UserGrant } from '../../tenant/grants/user-grant.ts';
import { MAX_ACTIVE_PER_USER_AND_APP, RefreshTokenStore } from '../../tenant/tokens/refresh-token-store.ts';

// Auth0's refresh token rotation rules (docs: "Refresh Token Rotation", "Configure Refresh Token
// Rotation"), on a clock the tests set: no waiting for a reuse interval to pass.

const DAY = 24 * 3600 * 1000;
const T0 = 1_700_000_000_000;
const grant = (userId = 'auth0|alice', clientId = 'spa-public'): UserGrant => ({
  clientId,
  userId,
  scope: ['openid', 'offline_access'],
  authTime: T0 / 1000,
});

/** Exchanges `token` at `now`; returns the verdict and, unless it was reuse, the family's next token. */
function exchange(store: RefreshTokenStore, token: string, leewayMs: number, now: number) {
  const found = store.find(token, now);
  assert.ok(found, 'the token should be known');
  const verdict = store.exchange(token, leewayMs, now);
  if (verdict === 'reuse-detected') {
    store.revokeFamily(found.familyId);
    return { verdict };
  }
  return { verdict, next: store.issue(found.grant, 30 * DAY, found.familyId, now) };
}

describe('refresh token store: rotation and reuse detection', () => {
  it('a token issued by rotation is fresh: the chain can be exchanged link after link', () => {
    const store = new RefreshTokenStore();
    let token = store.issue(grant(), 30 * DAY, undefined, T0);
    for (let i = 1; i <= 5; i++) {
      const step = exchange(store, token, 0, T0 + i * 60_000);
      assert.equal(step.verdict, 'first-exchange', `link ${i}`);
      token = step.next!;
    }
  });

  it('with no reuse interval, exchanging a token twice is reuse, even in the same millisecond, and kills the family', () => {
    const store = new RefreshTokenStore();
    const first = store.issue(grant(), 30 * DAY, undefined, T0);
    const { next } = exchange(store, first, 0, T0);
    assert.equal(exchange(store, first, 0, T0).verdict, 'reuse-detected');
    assert.equal(store.find(next!, T0), undefined, "the winner's new token is revoked with its family");
  });

  it('within the reuse interval only the previous token may be exchanged again; the one before it is reuse', () => {
    const leeway = 30_000;
    const store = new RefreshTokenStore();
    const a = store.issue(grant(), 30 * DAY, undefined, T0);
    const b = exchange(store, a, leeway, T0).next!;
    const again = exchange(store, a, leeway, T0 + 1000);
    assert.equal(again.verdict, 'reuse-within-leeway', 'a concurrent refresh of the same token gets new tokens');
    assert.ok(store.find(b, T0 + 1000) && store.find(again.next!, T0 + 1000), 'both new tokens work');
    exchange(store, b, leeway, T0 + 2000);
    assert.equal(exchange(store, a, leeway, T0 + 3000).verdict, 'reuse-detected', 'a is now second-to-last');
    assert.equal(store.find(b, T0 + 3000), undefined);
  });

  it('the reuse interval counts from the first exchange', () => {
    const store = new RefreshTokenStore();
    const a = store.issue(grant(), 30 * DAY, undefined, T0);
    exchange(store, a, 10_000, T0);
    assert.equal(exchange(store, a, 10_000, T0 + 9_999).verdict, 'reuse-within-leeway');
    assert.equal(exchange(store, a, 10_000, T0 + 10_000).verdict, 'reuse-detected');
  });

  it('rotation does not extend the family lifetime', () => {
    const store = new RefreshTokenStore();
    const a = store.issue(grant(), DAY, undefined, T0);
    const b = exchange(store, a, 0, T0 + DAY - 1).next!;
    assert.ok(store.find(b, T0 + DAY - 1));
    assert.equal(store.find(b, T0 + DAY), undefined);
  });

  it(`keeps ${MAX_ACTIVE_PER_USER_AND_APP} active families per user and application, evicting the oldest`, () => {
    const store = new RefreshTokenStore();
    const tokens = Array.from({ length: MAX_ACTIVE_PER_USER_AND_APP }, (_, i) =>
      store.issue(grant(), 30 * DAY, undefined, T0 + i),
    );
    const otherApp = store.issue(grant('auth0|alice', 'native-public'), 30 * DAY, undefined, T0);
    const otherUser = store.issue(grant('auth0|bob'), 30 * DAY, undefined, T0);
    // Rotating the oldest family keeps it the oldest: rotation is not a new login.
    const oldestRotated = exchange(store, tokens[0], 0, T0 + 1000).next!;
    store.issue(grant(), 30 * DAY, undefined, T0 + 2000);
    assert.equal(store.find(oldestRotated, T0 + 2000), undefined, 'the oldest family was evicted');
    for (const kept of [tokens[1], tokens.at(-1)!, otherApp, otherUser]) assert.ok(store.find(kept, T0 + 2000));
  });
});
