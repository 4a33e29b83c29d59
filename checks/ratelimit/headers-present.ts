import { defineCheck, expectThat, notRun } from '../check.ts';
import { AUTH0 } from '../references.ts';
import type { BucketDrive } from './bucket-drive.ts';
import { RATE_LIMIT_HEADERS, readRateLimitHeader } from './rate-limit-headers.ts';

// Endpoints with a rate-limit policy send all three headers, on successes and on 429s
// (docs/auth0-api.md §4.2).
// A target that omits one is a finding here, and the rules that need the header say they could not
// be checked, rather than the scenario failing.
export const headersPresent = defineCheck<BucketDrive>({
  id: 'ratelimit.headers.present',
  ref: AUTH0.rateLimitHeaders,
  severity: 'failure',
  title: 'Every response carries X-RateLimit-Limit, X-RateLimit-Remaining and X-RateLimit-Reset as integers.',
  run: ({ samples, recovery }) => {
    const all = recovery ? [...samples, recovery] : samples;
    if (all.length === 0) return notRun('no response came back to read headers from');
    const problems: string[] = [];
    for (const s of all) {
      for (const name of RATE_LIMIT_HEADERS) {
        const reading = readRateLimitHeader(s.headers, name);
        if (!reading.ok) problems.push(`request #${s.n} (${s.status}): ${reading.problem}`);
      }
    }
    return expectThat(
      problems.length === 0,
      () =>
        `${problems.length} header problem(s) in ${all.length} responses, first: ${problems.slice(0, 3).join('; ')}`,
    );
  },
});
