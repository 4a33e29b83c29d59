import { describeValue, defineCheck, fail, pass } from '../check.ts';
import { jsonBody } from '../exchange.ts';
import { AUTH0 } from '../references.ts';
import { HapiError } from '../schemas/hapi-error.ts';
import type { BucketDrive } from './bucket-drive.ts';
import { readRateLimitHeader, REMAINING_HEADER } from './rate-limit-headers.ts';

export const rejectionRemainingIsZero = defineCheck<BucketDrive>({
  id: 'ratelimit.429.remaining_is_zero',
  ref: AUTH0.rateLimitHeaders,
  severity: 'failure',
  title: 'Every 429 carries X-RateLimit-Remaining: 0.',
  run: ({ samples }) => {
    const rejected = samples.filter((s) => s.status === 429);
    if (rejected.length === 0) return fail('no 429 was received, so the rule could not be checked');
    for (const s of rejected) {
      const reading = readRateLimitHeader(s.headers, REMAINING_HEADER);
      if (!reading.ok) return fail(`429 at request #${s.n}: ${reading.problem}`);
      if (reading.value !== 0) return fail(`429 at request #${s.n} says ${reading.value} tokens remain`);
    }
    return pass();
  },
});

// Shape A with too_many_requests (too_many_attempts for brute-force blocks) is documented; the
// Hapi-style shape E is reported by third parties for global limits. Accept those (docs/auth0-api.md
// §3.1, §4.2, §7.13).
const OAUTH_CODES = ['too_many_requests', 'too_many_attempts'];

function describeBodyProblem(body: string): string | undefined {
  const json = jsonBody({ status: 429, headers: {}, body }) as Record<string, unknown> | undefined;
  if (!json || typeof json !== 'object') return `the body is not JSON: ${describeValue(body)}`;
  if (typeof json.error === 'string' && OAUTH_CODES.includes(json.error)) {
    return typeof json.error_description === 'string' || json.error_description === undefined
      ? undefined
      : `error_description is ${describeValue(json.error_description)}, not a string`;
  }
  if (json.statusCode === 429 && HapiError.safeParse(json).success) return undefined;
  return `expected {"error":"too_many_requests"|"too_many_attempts",…} or {"statusCode":429,"error":…,"message":…}, got ${describeValue(body)}`;
}

export const rejectionDocumentedBody = defineCheck<BucketDrive>({
  id: 'ratelimit.429.documented_body',
  ref: AUTH0.apiRateLimiting,
  severity: 'failure',
  title: 'A 429 body is the documented JSON error: too_many_requests or too_many_attempts (or the Hapi shape).',
  run: ({ samples }) => {
    const rejected = samples.filter((s) => s.status === 429);
    if (rejected.length === 0) return fail('no 429 was received, so the rule could not be checked');
    for (const s of rejected) {
      const problem = describeBodyProblem(s.body);
      if (problem) return fail(`429 at request #${s.n}: ${problem}`);
    }
    return pass();
  },
});
