import type { HarnessConfig } from '../k6-and-node/harness-config.ts';
import { PLANS, type Plan, type PublishedLimit } from '../k6-and-node/documented-rate-limits.ts';

// How the rate-limit suite runs, from the -e variables the CLI passes (see cli/load-options.ts).

export interface RateLimitSuiteSettings {
  /** The plan whose published limits a remote target is held to. */
  plan: Plan;
  /** Ceiling on the request rate (requests per second); 0 = none (loopback only). */
  maxRps: number;
  /** Only these buckets (labels or bucket ids), when given. */
  only?: string[];
  /** On the local tenant: the small limit every driven bucket gets, so a drive takes a moment. */
  localLimit: PublishedLimit;
  /** On the local tenant: failed logins before brute-force protection blocks. */
  localBruteForceThreshold: number;
  maxRecoveryWaitMs: number;
  clockSkewSeconds: number;
}

function numberFrom(name: string, fallback: number): number {
  const raw = __ENV[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name}: "${raw}" is not a non-negative number.`);
  return value;
}

export function rateLimitSuiteSettings(config: HarnessConfig): RateLimitSuiteSettings {
  const plan = (__ENV.HARNESS_RATELIMIT_PLAN || 'enterprise') as Plan;
  if (!PLANS.includes(plan)) throw new Error(`HARNESS_RATELIMIT_PLAN: "${plan}" is not one of ${PLANS.join(', ')}.`);
  const local = config.localTenant !== undefined;
  return {
    plan,
    maxRps: numberFrom('HARNESS_MAX_RPS', local ? 0 : 50),
    only: __ENV.HARNESS_RATELIMIT_ONLY
      ? __ENV.HARNESS_RATELIMIT_ONLY.split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : undefined,
    // One token a second: slow enough that a drive on a busy machine sees little refill, quick enough
    // that recovery after Reset takes a second or two.
    localLimit: { burst: numberFrom('HARNESS_RATELIMIT_LOCAL_BURST', 4), rate: 1, per: 'second' },
    localBruteForceThreshold: 3,
    maxRecoveryWaitMs: numberFrom('HARNESS_RATELIMIT_MAX_WAIT_S', local ? 5 : 75) * 1000,
    clockSkewSeconds: numberFrom('HARNESS_CLOCK_SKEW_S', local ? 1 : 5),
  };
}
