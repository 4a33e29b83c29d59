import type { BucketDrive, DriveSample } from '../../checks/ratelimit/bucket-drive.ts';

// Bucket drives for the rate-limit rules: a well-behaved one, and for each rule one that breaks it.
// The rule tests and the check catalogue's fixture test share them.

const T0 = 1_790_000_000_000; // a fixed client clock, epoch ms
export const TOO_MANY = JSON.stringify({
  error: 'too_many_requests',
  error_description: 'Global limit has been reached',
});

/** Burst 5, one token a second, requests 5 ms apart, two 429s after the burst, then recovery. */
export function goodDrive(overrides: Partial<BucketDrive> = {}): BucketDrive {
  const samples: DriveSample[] = [];
  for (let n = 1; n <= 7; n++) {
    const atMs = T0 + n * 5;
    const remaining = Math.max(0, 5 - n);
    samples.push({
      n,
      status: n <= 5 ? 200 : 429,
      headers: {
        'x-ratelimit-limit': '5',
        'x-ratelimit-remaining': String(remaining),
        'x-ratelimit-reset': String(Math.ceil(atMs / 1000) + 1),
      },
      body: n <= 5 ? '{"ok":true}' : TOO_MANY,
      atMs,
    });
  }
  const recovery: DriveSample = {
    n: 8,
    status: 200,
    headers: {
      'x-ratelimit-limit': '5',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': String(Math.ceil(T0 / 1000) + 3),
    },
    body: '{}',
    atMs: T0 + 2100,
  };
  return { bucket: { burst: 5, refillPerSecond: 1 }, samples, recovery, clockSkewSeconds: 2, ...overrides };
}

export function mapSamples(drive: BucketDrive, change: (s: DriveSample) => DriveSample): BucketDrive {
  return { ...drive, samples: drive.samples.map((s) => change({ ...s, headers: { ...s.headers } })) };
}

const header = (name: string, value: (s: DriveSample) => string | undefined) =>
  mapSamples(goodDrive(), (s) => {
    const v = value(s);
    if (v === undefined) delete s.headers[name];
    else s.headers[name] = v;
    return s;
  });

export const rateLimitFixtures: Record<string, { good: unknown[]; bad: unknown[] }> = {
  'ratelimit.headers.present': { good: [goodDrive()], bad: [header('x-ratelimit-reset', () => undefined)] },
  'ratelimit.remaining.never_exceeds_limit': { good: [goodDrive()], bad: [header('x-ratelimit-limit', () => '3')] },
  'ratelimit.remaining.decrements_by_one': { good: [goodDrive()], bad: [header('x-ratelimit-remaining', () => '4')] },
  'ratelimit.first_429.when_bucket_empty': {
    good: [goodDrive()],
    bad: [mapSamples(goodDrive(), (s) => (s.n === 4 ? { ...s, status: 429 } : s))],
  },
  'ratelimit.first_429.at_documented_burst': {
    good: [goodDrive()],
    bad: [goodDrive({ bucket: { burst: 3, refillPerSecond: 1 } })],
  },
  'ratelimit.429.remaining_is_zero': { good: [goodDrive()], bad: [header('x-ratelimit-remaining', () => '1')] },
  'ratelimit.429.documented_body': {
    good: [goodDrive()],
    bad: [mapSamples(goodDrive(), (s) => (s.status === 429 ? { ...s, body: 'rate limited' } : s))],
  },
  'ratelimit.reset.is_future_epoch_seconds': {
    good: [goodDrive()],
    bad: [header('x-ratelimit-reset', (s) => String(s.atMs + 1000))],
  },
  'ratelimit.recovers_after_reset': {
    good: [goodDrive()],
    bad: [{ ...goodDrive(), recovery: { ...(goodDrive().recovery as DriveSample), status: 429 } }],
  },
};
