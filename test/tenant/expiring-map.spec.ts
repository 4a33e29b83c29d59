import assert from 'node:assert/strict';
import { setTimeout as tick } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { ExpiringMap } from '../../tenant/expiring-map.ts';

/** Waits, turn by turn, until `key` has expired (the store's clock is the real one). */
async function untilExpired<V>(map: ExpiringMap<V>, key: string): Promise<void> {
  while (map.get(key) !== undefined) await tick(1);
}

describe('the tenant store of short-lived artefacts', () => {
  it('returns a value until its own time to live has passed, then never again', async () => {
    const map = new ExpiringMap<string>();
    // Long enough to read it back at once on a busy machine; short enough to wait out.
    map.set('short', 'code', 100);
    map.set('long', 'session', 60_000);
    assert.equal(map.get('short'), 'code');
    await untilExpired(map, 'short');
    assert.equal(map.has('short'), false);
    assert.deepEqual(map.values(), ['session']);
    assert.equal(map.get('long'), 'session');
  });

  it('hands a single-use value out once', () => {
    const map = new ExpiringMap<string>();
    map.set('ticket', 'user-1', 60_000);
    assert.equal(map.take('ticket'), 'user-1');
    assert.equal(map.take('ticket'), undefined);
    assert.equal(map.has('ticket'), false);
  });

  it('forgets a deleted value and replaces a value set again', () => {
    const map = new ExpiringMap<number>();
    map.set('k', 1, 60_000);
    map.set('k', 2, 60_000);
    assert.equal(map.get('k'), 2);
    map.delete('k');
    assert.deepEqual(map.values(), []);
  });
});
