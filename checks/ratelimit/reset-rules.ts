import { defineCheck, fail, pass } from '../check.ts';
import { AUTH0 } from '../references.ts';
import type { BucketDrive } from './bucket-drive.ts';
import { readRateLimitHeader, RESET_HEADER } from './rate-limit-headers.ts';

// Reset is the UNIX time in seconds when tokens are next added, not a delta and not milliseconds
// (docs/auth0-api.md §4.2, §7.11). It may equal "now" on a response that left the bucket full, never
// lie in the past beyond clock skew, and never lie further ahead than refilling the whole bucket takes.
const EPOCH_SECONDS_MIN = 1_000_000_000; // 2001
const EPOCH_SECONDS_MAX = 9_999_999_999; // 2286: anything larger is milliseconds

export const resetIsFutureEpochSeconds = defineCheck<BucketDrive>({
  id: 'ratelimit.reset.is_future_epoch_seconds',
  ref: AUTH0.rateLimitHeaders,
  severity: 'failure',
  title: 'X-RateLimit-Reset is an epoch time in seconds, not in the past and no later than a full refill away.',
  run: ({ samples, bucket, clockSkewSeconds }) => {
    const horizon = Math.ceil(bucket.burst / bucket.refillPerSecond);
    let read = 0;
    for (const s of samples) {
      const reading = readRateLimitHeader(s.headers, RESET_HEADER);
      if (!reading.ok) continue;
      read++;
      const reset = reading.value;
      const now = s.atMs / 1000;
      if (reset < EPOCH_SECONDS_MIN || reset > EPOCH_SECONDS_MAX) {
        const hint =
          reset > EPOCH_SECONDS_MAX ? ' (milliseconds?)' : reset < EPOCH_SECONDS_MIN ? ' (a delta in seconds?)' : '';
        return fail(`request #${s.n}: reset ${reset} is not epoch seconds${hint}`);
      }
      if (reset < Math.floor(now) - clockSkewSeconds)
        return fail(`request #${s.n}: reset ${reset} is ${(now - reset).toFixed(1)} s in the past`);
      if (reset > now + horizon + clockSkewSeconds) {
        return fail(
          `request #${s.n}: reset ${reset} is ${(reset - now).toFixed(1)} s ahead; refilling the whole bucket takes ${horizon} s`,
        );
      }
    }
    return read > 0 ? pass() : fail('no response carried a readable Reset header, so the rule could not be checked');
  },
});

export const recoversAfterReset = defineCheck<BucketDrive>({
  id: 'ratelimit.recovers_after_reset',
  ref: AUTH0.rateLimitHeaders,
  severity: 'failure',
  title: 'Once the Reset time of a 429 has passed, the next request is accepted again.',
  run: ({ recovery }) => {
    if (!recovery) return fail('no request was sent after the Reset time, so recovery could not be checked');
    return recovery.status === 429
      ? fail(`request #${recovery.n}, sent after the Reset time, was still rejected with 429`)
      : pass();
  },
});
