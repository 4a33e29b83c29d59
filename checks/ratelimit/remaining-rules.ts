import { defineCheck, fail, pass, type CheckOutcome } from '../check.ts';
import { AUTH0 } from '../references.ts';
import type { BucketDrive, DriveSample } from './bucket-drive.ts';
import { LIMIT_HEADER, rateLimitValue, REMAINING_HEADER, RESET_HEADER } from './rate-limit-headers.ts';

export const remainingNeverExceedsLimit = defineCheck<BucketDrive>({
  id: 'ratelimit.remaining.never_exceeds_limit',
  ref: AUTH0.rateLimitHeaders,
  severity: 'failure',
  title: 'X-RateLimit-Remaining is never above X-RateLimit-Limit.',
  run: ({ samples }) => {
    let compared = 0;
    for (const s of samples) {
      const limit = rateLimitValue(s.headers, LIMIT_HEADER);
      const remaining = rateLimitValue(s.headers, REMAINING_HEADER);
      if (limit === undefined || remaining === undefined) continue;
      compared++;
      if (remaining > limit) return fail(`request #${s.n}: remaining ${remaining} is above limit ${limit}`);
    }
    return compared > 0
      ? pass()
      : fail('no response carried readable Limit and Remaining headers, so the rule could not be checked');
  },
});

interface Accounting {
  /** Tokens the bucket gained between consecutive requests, beyond what a top-up at Reset explains. */
  refilled: number;
  /** Requests after which Remaining fell by exactly one. */
  decrements: number;
  pairs: number;
  firstMs: number;
  lastMs: number;
}

/**
 * Follows Remaining across consecutive accepted requests. The bucket refills either continuously (a
 * token every 1/rate seconds) or in a top-up at the start of a window (docs/auth0-api.md §4.1, §7.12),
 * so a step that does not fall by one is allowed when the refill explains it: a top-up once the
 * previous response's Reset time has passed, or continuous refill no faster than the documented
 * sustained rate.
 */
function account(samples: DriveSample[]): Accounting | string {
  const acc: Accounting = { refilled: 0, decrements: 0, pairs: 0, firstMs: 0, lastMs: 0 };
  let prev: { s: DriveSample; remaining: number } | undefined;
  for (const s of samples) {
    const remaining = rateLimitValue(s.headers, REMAINING_HEADER);
    if (s.status === 429 || remaining === undefined) {
      prev = undefined;
      continue;
    }
    if (prev) {
      if (acc.pairs === 0) acc.firstMs = prev.s.atMs;
      acc.pairs++;
      acc.lastMs = s.atMs;
      const step = remaining - (prev.remaining - 1);
      if (step < 0)
        return `request #${s.n}: remaining fell from ${prev.remaining} to ${remaining}, by more than the one request sent`;
      if (step === 0) acc.decrements++;
      const reset = rateLimitValue(prev.s.headers, RESET_HEADER);
      const windowToppedUp = reset !== undefined && s.atMs >= reset * 1000;
      if (step > 0 && !windowToppedUp) acc.refilled += step;
    }
    prev = { s, remaining };
  }
  return acc;
}

export const remainingDecrementsByOne = defineCheck<BucketDrive>({
  id: 'ratelimit.remaining.decrements_by_one',
  ref: AUTH0.rateLimitHeaders,
  severity: 'failure',
  title: 'Each accepted request spends one token: Remaining falls by one, except for what the bucket refills.',
  run: ({ samples, bucket }): CheckOutcome => {
    const acc = account(samples);
    if (typeof acc === 'string') return fail(acc);
    if (acc.pairs === 0)
      return fail(
        'fewer than two consecutive accepted responses carried a readable Remaining header, so the rule could not be checked',
      );
    const seconds = (acc.lastMs - acc.firstMs) / 1000;
    // One token of slack: a refill that lands between two requests shows as one step without a decrement.
    const allowed = bucket.refillPerSecond * seconds + 1;
    if (acc.refilled > allowed) {
      return fail(
        `remaining fell by one after only ${acc.decrements} of ${acc.pairs} requests: the bucket gained ${acc.refilled} tokens in ${seconds.toFixed(3)} s, ` +
          `at most ${allowed.toFixed(1)} at the documented ${bucket.refillPerSecond}/s`,
      );
    }
    return pass();
  },
});
