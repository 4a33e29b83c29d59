import type { Check } from '../../checks/check.ts';
import { jsonBody, type Exchange } from '../../checks/exchange.ts';
import type { BucketDrive, DocumentedBucket } from '../../checks/ratelimit/bucket-drive.ts';
import { headersPresent } from '../../checks/ratelimit/headers-present.ts';
import { rejectionDocumentedBody, rejectionRemainingIsZero } from '../../checks/ratelimit/rejection-response.ts';
import { remainingNeverExceedsLimit } from '../../checks/ratelimit/remaining-rules.ts';
import { resetIsFutureEpochSeconds } from '../../checks/ratelimit/reset-rules.ts';
import type { MatrixRow } from '../k6-and-node/conformance-matrix.ts';
import type { ResponseRules } from '../record-checks.ts';
import { PLANS, publishedLimit, refillPerSecond, type BucketId } from '../k6-and-node/documented-rate-limits.ts';

// Every response of a rate-limited endpoint carries X-RateLimit-* (docs/auth0-api.md §4.2), not only
// the responses of a drive. The conformance suite holds each one to the rate-limit suite's own rules,
// the same check objects and so the same ids, read as a drive of one response: the rules about a
// drive's course (decrements, the first 429, recovery) need many and stay with that suite.

// The conformance suite does not know the tenant's plan, nor which of stacked buckets a header shows.
const CLOCK_SKEW_SECONDS = 5;

/**
 * The bucket whose Reset may lie furthest ahead among those that can answer for the endpoint (its
 * own and the tenant-wide one, on every plan): Reset is never held to a nearer horizon than the
 * slowest of them refills in.
 */
function slowestBucket(bucket: BucketId): DocumentedBucket {
  const candidates = PLANS.flatMap((plan) => [publishedLimit(bucket, plan), publishedLimit('global', plan)]).filter(
    (limit) => limit !== undefined,
  );
  const horizon = (l: DocumentedBucket) => l.burst / l.refillPerSecond;
  return candidates
    .map((limit) => ({ burst: limit.burst, refillPerSecond: refillPerSecond(limit) }))
    .reduce((slowest, b) => (horizon(b) > horizon(slowest) ? b : slowest));
}

/** One response of a rate-limited endpoint, as the drive the rate-limit rules read. */
function oneResponseDrive(exchange: Exchange, bucket: BucketId, atMs = Date.now()): BucketDrive {
  const { status, headers, body } = exchange.response;
  return {
    bucket: slowestBucket(bucket),
    samples: [{ n: 1, status, headers, body, atMs }],
    clockSkewSeconds: CLOCK_SKEW_SECONDS,
  };
}

/**
 * A 429 that refuses for a spent bucket, not the device flow's `slow_down` (RFC 8628 §3.5, which
 * Auth0 answers with 429 too, docs/auth0-api.md §3.5): that one is a polling answer with a bucket
 * that still has tokens.
 */
function rateLimited(exchange: Exchange): boolean {
  if (exchange.response.status !== 429) return false;
  return (jsonBody(exchange.response) as { error?: unknown } | undefined)?.error !== 'slow_down';
}

/** The rate-limit suite's rules that one response can be held to; a rate-limited 429 adds the rejection rules. */
function responseRateLimitRules(exchange: Exchange): Check<BucketDrive>[] {
  const always = [headersPresent, remainingNeverExceedsLimit, resetIsFutureEpochSeconds];
  return rateLimited(exchange) ? [...always, rejectionRemainingIsZero, rejectionDocumentedBody] : always;
}

/** The rules for every response of the rows that declare a rate limit (lib/k6-and-node/conformance-matrix.ts). */
export function rateLimitHeaderRules(rows: readonly MatrixRow[]): ResponseRules {
  const buckets = new Map(rows.filter((r) => r.rateLimit).map((r) => [r.endpoint, r.rateLimit as BucketId]));
  return (cell, exchange) => {
    const bucket = buckets.get(cell.endpoint);
    return bucket ? { checks: responseRateLimitRules(exchange), input: oneResponseDrive(exchange, bucket) } : undefined;
  };
}
