import { defineCheck, expectThat, fail, pass } from '../check.ts';
import { AUTH0 } from '../references.ts';
import type { BucketDrive, DriveSample } from './bucket-drive.ts';
import { rateLimitValue, REMAINING_HEADER } from './rate-limit-headers.ts';

/** The first 429 of a drive, if any: its request number is what the report sets against the burst. */
export function firstRejection(samples: DriveSample[]): DriveSample | undefined {
  return samples.find((s) => s.status === 429);
}

export const firstRejectionWhenBucketEmpty = defineCheck<BucketDrive>({
  id: 'ratelimit.first_429.when_bucket_empty',
  ref: AUTH0.rateLimitAlgorithm,
  severity: 'failure',
  title: 'The first 429 comes only once the previous response said the bucket was empty (Remaining 0).',
  run: ({ samples, bucket }) => {
    const first = firstRejection(samples);
    if (!first) return fail(`no 429 in ${samples.length} requests; the documented burst is ${bucket.burst}`);
    const before = samples[samples.indexOf(first) - 1];
    if (!before)
      return fail(
        `the very first request was rejected, so the bucket was not full when the drive began (documented burst ${bucket.burst})`,
      );
    const remaining = rateLimitValue(before.headers, REMAINING_HEADER);
    if (remaining === undefined)
      return fail(
        `request #${before.n}, before the first 429 (#${first.n}), has no readable Remaining header, so emptiness could not be checked`,
      );
    return expectThat(
      remaining === 0,
      () => `first 429 at request #${first.n} although request #${before.n} said ${remaining} tokens remained`,
    );
  },
});

// A warning, not a failure: Auth0 publishes only the effective pair where limits are stacked
// (docs/auth0-api.md §4.1),
// so a real tenant may reject a little earlier or later than the table says.
export const firstRejectionAtDocumentedBurst = defineCheck<BucketDrive>({
  id: 'ratelimit.first_429.at_documented_burst',
  ref: AUTH0.rateLimitConfigurations,
  severity: 'warning',
  title: 'The first 429 is the request right after the documented burst, give or take what refilled meanwhile.',
  run: ({ samples, bucket }) => {
    const first = firstRejection(samples);
    if (!first) return fail(`no 429 in ${samples.length} requests; the documented burst is ${bucket.burst}`);
    const seconds = (first.atMs - samples[0].atMs) / 1000;
    const refilled = Math.floor(bucket.refillPerSecond * seconds) + 1;
    const earliest = bucket.burst + 1;
    const latest = bucket.burst + 1 + refilled;
    if (first.n >= earliest && first.n <= latest) return pass();
    return fail(
      `first 429 at request #${first.n}; the documented burst ${bucket.burst} puts it between #${earliest} and #${latest}`,
    );
  },
});
