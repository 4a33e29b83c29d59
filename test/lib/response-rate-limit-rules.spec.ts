import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matrixFor } from '../../lib/k6-and-node/conformance-matrix.ts';
import { rateLimitHeaderRules } from '../../lib/ratelimit/response-rate-limit-rules.ts';
import { exchange } from '../checks/check-fixtures.ts';

const rules = rateLimitHeaderRules(matrixFor('auth0'));
const headers = (remaining: number, resetInS = 1) => ({
  'x-ratelimit-limit': '10',
  'x-ratelimit-remaining': String(remaining),
  'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + resetInS),
});
const idsFor = (endpoint: string, status: number, body: unknown, h = headers(4)) =>
  rules({ endpoint, credential: 'bearer' }, exchange(status, body, h))?.checks.map((c) => c.id);
const outcomes = async (endpoint: string, status: number, body: unknown, h: Record<string, string>) => {
  const judged = rules({ endpoint, credential: 'bearer' }, exchange(status, body, h));
  return Promise.all((judged?.checks ?? []).map(async (c) => [c.id, (await c.run(judged?.input as never)).ok]));
};

describe('rate-limit header rules on every response of a limited endpoint', () => {
  it('holds a limited endpoint to the rate-limit suite rules, by their own ids, and leaves others alone', () => {
    assert.deepEqual(idsFor('GET /userinfo', 200, { sub: 'auth0|1' }), [
      'ratelimit.headers.present',
      'ratelimit.remaining.never_exceeds_limit',
      'ratelimit.reset.is_future_epoch_seconds',
    ]);
    assert.equal(idsFor('GET /v2/logout', 302, ''), undefined);
  });

  it('adds the rejection rules to a rate-limited 429, not to the device flow slow_down 429', () => {
    const tooMany = { error: 'too_many_requests', error_description: 'Too many requests.' };
    assert.ok(idsFor('POST /oauth/token', 429, tooMany, headers(0))?.includes('ratelimit.429.remaining_is_zero'));
    assert.ok(!idsFor('POST /oauth/token', 429, { error: 'slow_down' })?.includes('ratelimit.429.remaining_is_zero'));
  });

  it('passes a response with sound headers and fails one without them or with Reset in milliseconds', async () => {
    assert.ok((await outcomes('GET /userinfo', 200, {}, headers(4))).every(([, ok]) => ok));
    const dropped = Object.fromEntries(await outcomes('GET /userinfo', 200, {}, { 'x-ratelimit-limit': '10' }));
    assert.equal(dropped['ratelimit.headers.present'], false);
    const millis = { ...headers(4), 'x-ratelimit-reset': String(Date.now() + 1000) };
    const late = Object.fromEntries(await outcomes('GET /userinfo', 200, {}, millis));
    assert.equal(late['ratelimit.reset.is_future_epoch_seconds'], false);
  });
});
