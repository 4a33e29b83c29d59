import { Gauge } from 'k6/metrics';
import type { DocumentedBucket } from '../../checks/ratelimit/bucket-drive.ts';
import { firstRejection } from '../../checks/ratelimit/first-rejection.ts';
import { firstRejectionAtDocumentedBurst } from '../../checks/ratelimit/first-rejection.ts';
import { rejectionDocumentedBody } from '../../checks/ratelimit/rejection-response.ts';
import { rateLimitRecoveryRules, rateLimitRules } from '../../checks/ratelimit/rule-set.ts';
import { noResponse } from '../../checks/exchange.ts';
import { responseReceived } from '../../checks/http/response-received.ts';
import { recordChecks, recordNotRun } from '../record-checks.ts';
import { publishedLimit, refillPerSecond, type PublishedLimit } from '../k6-and-node/documented-rate-limits.ts';
import { driveBucket } from './drive-bucket.ts';
import type { DriveContext, RateLimitedEndpoint } from './rate-limited-endpoints.ts';
import type { RateLimitSuiteSettings } from './suite-settings.ts';
import { setRateLimits } from './tenant-control.ts';

// The figures the report sets side by side per bucket: where the first 429 came, and the burst the
// documentation (or the local tenant's configuration) promises.
export const FIRST_REJECTION_METRIC = 'ratelimit_first_429_request';
export const DOCUMENTED_BURST_METRIC = 'ratelimit_documented_burst';
const firstRejectionAt = new Gauge(FIRST_REJECTION_METRIC);
const documentedBurst = new Gauge(DOCUMENTED_BURST_METRIC);

// A block after failed logins has no token bucket, so only the rules that need no headers apply.
const BLOCK_RULES = [firstRejectionAtDocumentedBurst, rejectionDocumentedBody];

/** The bucket the drive is held to, or why it cannot be driven on this target. */
async function prepareBucket(
  endpoint: RateLimitedEndpoint,
  ctx: DriveContext,
  settings: RateLimitSuiteSettings,
): Promise<DocumentedBucket | string> {
  const controlUrl = ctx.config.localTenant?.controlUrl;
  if (endpoint.bucket === 'brute_force') {
    // On a real tenant this would block the configured user for up to 30 days (docs/auth0-api.md §4.5).
    if (!controlUrl)
      return 'brute-force protection is driven only on the local tenant: it would block users.plain on a real one';
    await setRateLimits(controlUrl, { bruteForceThreshold: settings.localBruteForceThreshold });
    return { burst: settings.localBruteForceThreshold, refillPerSecond: 0 };
  }
  let limit: PublishedLimit | undefined;
  if (controlUrl) {
    limit = settings.localLimit;
    const lifted = Object.fromEntries((endpoint.stackedWith ?? []).map((b) => [b, null]));
    await setRateLimits(controlUrl, { plan: settings.plan, overrides: { ...lifted, [endpoint.bucket]: limit } });
  } else {
    limit = publishedLimit(endpoint.bucket, settings.plan);
    if (!limit) return `the ${settings.plan} plan has no limit of its own for this endpoint (the global limit applies)`;
  }
  const refill = refillPerSecond(limit);
  if (settings.maxRps > 0 && refill >= settings.maxRps) {
    return `the bucket refills ${refill}/s, at or above the request ceiling of ${settings.maxRps} rps, so it cannot be emptied; raise --max-rps`;
  }
  return { burst: limit.burst, refillPerSecond: refill };
}

/** Drives one endpoint's bucket into 429 and records every rule about it; returns why it was skipped. */
export async function checkRateLimitedEndpoint(
  endpoint: RateLimitedEndpoint,
  ctx: DriveContext,
  settings: RateLimitSuiteSettings,
): Promise<string | undefined> {
  const bucket = await prepareBucket(endpoint, ctx, settings);
  if (typeof bucket === 'string') return bucket;
  const outcome = await driveBucket(endpoint, ctx, bucket, {
    maxRequests: bucket.burst * 2 + 10,
    rejectionsToSee: 2,
    maxRecoveryWaitMs: endpoint.rules === 'bucket' ? settings.maxRecoveryWaitMs : 0,
    minIntervalMs: settings.maxRps > 0 ? 1000 / settings.maxRps : 0,
    clockSkewSeconds: settings.clockSkewSeconds,
  });
  if (typeof outcome === 'string') return outcome;
  const cell = { endpoint: endpoint.label, credential: null };
  const flow = `drive ${endpoint.bucket} bucket (keyed on ${endpoint.key})`;
  const rules =
    endpoint.rules === 'bucket'
      ? [...rateLimitRules, ...(outcome.drive.recovery ? rateLimitRecoveryRules : [])]
      : BLOCK_RULES;
  const { unanswered } = outcome;
  if (unanswered) await recordChecks(cell, [responseReceived], unanswered, unanswered, flow);
  // The responses before a transport error are judged; with none, there is nothing to judge.
  if (unanswered && outcome.drive.samples.length === 0)
    recordNotRun(cell, rules, `no response to judge: ${noResponse(unanswered.response)}`, flow);
  else await recordChecks(cell, rules, outcome.drive, outcome.evidence, flow);
  const first = firstRejection(outcome.drive.samples);
  if (first) firstRejectionAt.add(first.n, { endpoint: endpoint.label });
  documentedBurst.add(bucket.burst, { endpoint: endpoint.label });
  if (endpoint.rules === 'bucket' && outcome.recoverySkipped)
    console.warn(`${endpoint.label}: recovery after Reset not checked: ${outcome.recoverySkipped}`);
  return undefined;
}
