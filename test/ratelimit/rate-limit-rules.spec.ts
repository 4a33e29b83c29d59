import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Check } from '../../checks/check.ts';
import type { BucketDrive, DriveSample } from '../../checks/ratelimit/bucket-drive.ts';
import {
  firstRejection,
  firstRejectionAtDocumentedBurst,
  firstRejectionWhenBucketEmpty,
} from '../../checks/ratelimit/first-rejection.ts';
import { headersPresent } from '../../checks/ratelimit/headers-present.ts';
import { rejectionDocumentedBody, rejectionRemainingIsZero } from '../../checks/ratelimit/rejection-response.ts';
import { remainingDecrementsByOne, remainingNeverExceedsLimit } from '../../checks/ratelimit/remaining-rules.ts';
import { recoversAfterReset, resetIsFutureEpochSeconds } from '../../checks/ratelimit/reset-rules.ts';
import { rateLimitRecoveryRules, rateLimitRules } from '../../checks/ratelimit/rule-set.ts';
import { goodDrive, mapSamples, TOO_MANY } from './rule-fixtures.ts';

const T0 = 1_790_000_000_000; // the fixtures' client clock, epoch ms

function withoutHeader(name: string): (s: DriveSample) => DriveSample {
  return (s) => {
    delete s.headers[name];
    return s;
  };
}

const run = async (check: Check<BucketDrive>, drive: BucketDrive) => check.run(drive);

describe('rate-limit rules on a well-behaved bucket', () => {
  it('every rule passes, recovery included', async () => {
    for (const check of [...rateLimitRules, ...rateLimitRecoveryRules]) {
      const outcome = await run(check, goodDrive());
      assert.equal(outcome.ok, true, `${check.id}: ${outcome.message}`);
    }
  });

  it('rule ids are unique dotted names under ratelimit., each with a reference', () => {
    const ids = [...rateLimitRules, ...rateLimitRecoveryRules].map((c) => c.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const c of [...rateLimitRules, ...rateLimitRecoveryRules]) {
      assert.match(c.id, /^ratelimit(\.[a-z0-9_]+)+$/);
      assert.ok(c.ref.length > 0);
    }
  });

  it('firstRejection gives the request number of the first 429', () => {
    assert.equal(firstRejection(goodDrive().samples)?.n, 6);
  });

  it('tolerates a fixed-window top-up: remaining jumps back once the previous Reset time has passed', async () => {
    const drive = goodDrive();
    // Request 3 arrives after request 2's Reset: the window topped the bucket up to 4 left.
    const samples = drive.samples.slice(0, 5).map((s) => ({ ...s, headers: { ...s.headers } }));
    samples[2] = {
      ...samples[2],
      atMs: Number(samples[1].headers['x-ratelimit-reset']) * 1000 + 10,
      headers: { ...samples[2].headers, 'x-ratelimit-remaining': '4' },
    };
    for (let i = 3; i < 5; i++)
      samples[i] = {
        ...samples[i],
        atMs: samples[2].atMs + i,
        headers: { ...samples[i].headers, 'x-ratelimit-remaining': String(4 - (i - 2)) },
      };
    assert.equal((await run(remainingDecrementsByOne, { ...drive, samples })).ok, true);
  });

  it('tolerates continuous refill at the documented rate, and not faster', async () => {
    // 1 token/s, requests 600 ms apart: every other step gains a token back.
    const steps = [4, 3, 3, 2, 2, 1];
    const samples = steps.map((remaining, i) => ({
      n: i + 1,
      status: 200,
      headers: {
        'x-ratelimit-limit': '5',
        'x-ratelimit-remaining': String(remaining),
        'x-ratelimit-reset': String(Math.ceil((T0 + i * 600) / 1000) + 10),
      },
      body: '{}',
      atMs: T0 + i * 600,
    }));
    assert.equal((await run(remainingDecrementsByOne, { ...goodDrive(), samples })).ok, true);
    const tooFast = samples.map((s) => ({ ...s, atMs: T0 + s.n }));
    assert.equal((await run(remainingDecrementsByOne, { ...goodDrive(), samples: tooFast })).ok, false);
  });
});

describe('rate-limit rules fail, naming what they saw, when a header lies or is missing', () => {
  for (const header of ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset']) {
    it(`ratelimit.headers.present fails without ${header}`, async () => {
      const outcome = await run(headersPresent, mapSamples(goodDrive(), withoutHeader(header)));
      assert.equal(outcome.ok, false);
      assert.match(outcome.message ?? '', new RegExp(`request #1 \\(200\\): no ${header} header`));
    });
  }

  it('ratelimit.headers.present fails on a non-integer value', async () => {
    const outcome = await run(
      headersPresent,
      mapSamples(goodDrive(), (s) => ({ ...s, headers: { ...s.headers, 'x-ratelimit-limit': 'lots' } })),
    );
    assert.match(outcome.message ?? '', /x-ratelimit-limit is "lots"/);
  });

  it('rules that need a dropped header say they could not check, and never throw', async () => {
    const noRemaining = mapSamples(goodDrive(), withoutHeader('x-ratelimit-remaining'));
    for (const check of [
      remainingNeverExceedsLimit,
      remainingDecrementsByOne,
      firstRejectionWhenBucketEmpty,
      rejectionRemainingIsZero,
    ]) {
      const outcome = await run(check, noRemaining);
      assert.equal(outcome.ok, false, check.id);
      assert.match(outcome.message ?? '', /Remaining|remaining/, check.id);
    }
    const noReset = await run(resetIsFutureEpochSeconds, mapSamples(goodDrive(), withoutHeader('x-ratelimit-reset')));
    assert.match(noReset.message ?? '', /could not be checked/);
  });

  it('ratelimit.remaining.never_exceeds_limit fails when remaining is above the limit', async () => {
    const outcome = await run(
      remainingNeverExceedsLimit,
      mapSamples(goodDrive(), (s) => ({ ...s, headers: { ...s.headers, 'x-ratelimit-limit': '3' } })),
    );
    assert.equal(outcome.ok, false);
    assert.match(outcome.message ?? '', /request #1: remaining 4 is above limit 3/);
  });

  it('ratelimit.remaining.decrements_by_one fails when remaining does not fall', async () => {
    const stuck = mapSamples(goodDrive(), (s) =>
      s.status === 200 ? { ...s, headers: { ...s.headers, 'x-ratelimit-remaining': '4' } } : s,
    );
    const outcome = await run(remainingDecrementsByOne, stuck);
    assert.equal(outcome.ok, false);
    assert.match(outcome.message ?? '', /fell by one after only 0 of 4 requests/);
  });

  it('ratelimit.remaining.decrements_by_one fails when remaining falls by more than one', async () => {
    const outcome = await run(
      remainingDecrementsByOne,
      mapSamples(goodDrive(), (s) =>
        s.n === 3 ? { ...s, headers: { ...s.headers, 'x-ratelimit-remaining': '1' } } : s,
      ),
    );
    assert.match(outcome.message ?? '', /request #3: remaining fell from 3 to 1/);
  });

  it('ratelimit.first_429.when_bucket_empty fails on a 429 while tokens remain, and when no 429 comes', async () => {
    const early = mapSamples(goodDrive(), (s) => (s.n === 4 ? { ...s, status: 429, body: TOO_MANY } : s));
    assert.match(
      (await run(firstRejectionWhenBucketEmpty, early)).message ?? '',
      /first 429 at request #4 although request #3 said 2 tokens remained/,
    );
    const never = mapSamples(goodDrive(), (s) => ({ ...s, status: 200 }));
    assert.match(
      (await run(firstRejectionWhenBucketEmpty, never)).message ?? '',
      /no 429 in 7 requests; the documented burst is 5/,
    );
  });

  it('ratelimit.first_429.at_documented_burst warns when the burst differs from the documented one', async () => {
    assert.equal(firstRejectionAtDocumentedBurst.severity, 'warning');
    const outcome = await run(firstRejectionAtDocumentedBurst, {
      ...goodDrive(),
      bucket: { burst: 3, refillPerSecond: 1 },
    });
    assert.match(outcome.message ?? '', /first 429 at request #6; the documented burst 3 puts it between #4 and #5/);
  });

  it('ratelimit.429.remaining_is_zero fails when a 429 says tokens remain', async () => {
    const outcome = await run(
      rejectionRemainingIsZero,
      mapSamples(goodDrive(), (s) =>
        s.status === 429 ? { ...s, headers: { ...s.headers, 'x-ratelimit-remaining': '1' } } : s,
      ),
    );
    assert.match(outcome.message ?? '', /429 at request #6 says 1 tokens remain/);
  });

  it('ratelimit.429.documented_body accepts shapes A and E, and fails on anything else', async () => {
    const withBody = (body: string) => mapSamples(goodDrive(), (s) => (s.status === 429 ? { ...s, body } : s));
    assert.equal(
      (
        await run(
          rejectionDocumentedBody,
          withBody(JSON.stringify({ error: 'too_many_attempts', error_description: 'blocked' })),
        )
      ).ok,
      true,
    );
    assert.equal(
      (
        await run(
          rejectionDocumentedBody,
          withBody(
            JSON.stringify({ statusCode: 429, error: 'Too Many Requests', message: 'Global limit has been reached' }),
          ),
        )
      ).ok,
      true,
    );
    assert.match((await run(rejectionDocumentedBody, withBody('Too Many Requests'))).message ?? '', /not JSON/);
    assert.match(
      (await run(rejectionDocumentedBody, withBody(JSON.stringify({ error: 'server_error' })))).message ?? '',
      /expected \{"error":"too_many_requests"/,
    );
  });

  it('ratelimit.reset.is_future_epoch_seconds fails on milliseconds, a delta, the past and the far future', async () => {
    const withReset = (reset: (s: DriveSample) => number) =>
      mapSamples(goodDrive(), (s) => ({ ...s, headers: { ...s.headers, 'x-ratelimit-reset': String(reset(s)) } }));
    assert.match(
      (
        await run(
          resetIsFutureEpochSeconds,
          withReset((s) => s.atMs + 1000),
        )
      ).message ?? '',
      /not epoch seconds \(milliseconds\?\)/,
    );
    assert.match(
      (
        await run(
          resetIsFutureEpochSeconds,
          withReset(() => 1),
        )
      ).message ?? '',
      /not epoch seconds \(a delta in seconds\?\)/,
    );
    assert.match(
      (
        await run(
          resetIsFutureEpochSeconds,
          withReset((s) => Math.floor(s.atMs / 1000) - 60),
        )
      ).message ?? '',
      /in the past/,
    );
    assert.match(
      (
        await run(
          resetIsFutureEpochSeconds,
          withReset((s) => Math.floor(s.atMs / 1000) + 3600),
        )
      ).message ?? '',
      /refilling the whole bucket takes 5 s/,
    );
  });

  it('ratelimit.recovers_after_reset fails when the request after Reset is still rejected', async () => {
    const drive = goodDrive();
    const outcome = await run(recoversAfterReset, {
      ...drive,
      recovery: { ...(drive.recovery as DriveSample), status: 429 },
    });
    assert.match(outcome.message ?? '', /request #8, sent after the Reset time, was still rejected/);
    assert.match(
      (await run(recoversAfterReset, { ...drive, recovery: undefined })).message ?? '',
      /could not be checked/,
    );
  });
});
