import type { BucketDrive, DocumentedBucket, DriveSample } from '../../checks/ratelimit/bucket-drive.ts';
import { firstRejection } from '../../checks/ratelimit/first-rejection.ts';
import { rateLimitValue, RESET_HEADER } from '../../checks/ratelimit/rate-limit-headers.ts';
import { noResponse, type Exchange } from '../../checks/exchange.ts';
import { sendRequest } from '../send-request.ts';
import { pause } from './pause.ts';
import type { DriveContext, RateLimitedEndpoint } from './rate-limited-endpoints.ts';

export interface DriveLimits {
  /** Requests the drive may send before giving up on a 429. */
  maxRequests: number;
  /** 429s to collect before stopping: more than one shows the bucket stays empty. */
  rejectionsToSee: number;
  /** The longest the drive waits for Reset before the recovery request; longer waits skip recovery. */
  maxRecoveryWaitMs: number;
  /** Minimum spacing between requests (the request-rate ceiling); 0 sends back to back. */
  minIntervalMs: number;
  clockSkewSeconds: number;
}

export interface DriveOutcome {
  drive: BucketDrive;
  /** The exchange a finding shows: the first 429, else the last response. */
  evidence: Exchange;
  /** The request that got no response (refused, reset, timeout): the drive stopped there, before it. */
  unanswered?: Exchange;
  /** Why recovery was not tried, when it was not. */
  recoverySkipped?: string;
}

/**
 * Sends the endpoint's requests one at a time until the bucket rejects (or the budget runs out), then,
 * when the first 429's Reset is near enough, waits for it and sends one more: the recovery request.
 * Sequential on purpose: with nothing else spending the bucket, Remaining must fall by one per request.
 */
export async function driveBucket(
  endpoint: RateLimitedEndpoint,
  ctx: DriveContext,
  bucket: DocumentedBucket,
  limits: DriveLimits,
): Promise<DriveOutcome | string> {
  const samples: DriveSample[] = [];
  let firstRejected: Exchange | undefined;
  let last: Exchange | undefined;
  let rejections = 0;
  let next = 0;
  const send = async (n: number): Promise<DriveSample | string> => {
    const request = endpoint.request(ctx, n);
    if (typeof request === 'string') return request;
    await pause(next - Date.now());
    next = Date.now() + limits.minIntervalMs;
    last = await sendRequest(request);
    const { status, headers, body } = last.response;
    if (status === 429) firstRejected ??= last;
    return { n, status, headers, body, atMs: Date.now() };
  };

  for (let n = 1; n <= limits.maxRequests && rejections < limits.rejectionsToSee; n++) {
    const sample = await send(n);
    if (typeof sample === 'string') return sample;
    // A transport error says nothing about the bucket, and the next request would most likely meet it too.
    if (last && noResponse(last.response) !== undefined) {
      const drive: BucketDrive = { bucket, samples, clockSkewSeconds: limits.clockSkewSeconds };
      return {
        drive,
        evidence: firstRejected ?? last,
        unanswered: last,
        recoverySkipped: 'the drive met a transport error',
      };
    }
    // A target without the endpoint (no such feature on the tenant) is a skip, not a list of failures.
    if (n === 1 && sample.status === 404)
      return `the target answers 404 to ${last?.request.method} ${last?.request.url.replace(/[?#].*$/, '')}: it does not offer this endpoint`;
    samples.push(sample);
    if (sample.status === 429) rejections++;
  }

  const drive: BucketDrive = { bucket, samples, clockSkewSeconds: limits.clockSkewSeconds };
  const first = firstRejection(samples);
  const reset = first ? rateLimitValue(first.headers, RESET_HEADER) : undefined;
  let recoverySkipped: string | undefined;
  if (!first) recoverySkipped = 'no 429 to recover from';
  else if (reset === undefined) recoverySkipped = 'the first 429 carried no readable Reset header';
  else {
    // Reset names a whole second; the token may land anywhere in it, so wait to its end.
    const waitMs = reset * 1000 + 1000 - Date.now();
    if (waitMs > limits.maxRecoveryWaitMs)
      recoverySkipped = `Reset is ${Math.round(waitMs / 1000)} s away, beyond the ${Math.round(limits.maxRecoveryWaitMs / 1000)} s the drive waits`;
    else {
      await pause(waitMs);
      const recovery = await send(samples.length + 1);
      if (typeof recovery === 'string') return recovery;
      drive.recovery = recovery;
    }
  }
  return { drive, evidence: (firstRejected ?? last) as Exchange, recoverySkipped };
}
