import { z } from 'zod';

// A limit as Auth0 publishes it (docs/auth0-api.md §4.1): burst = bucket size, sustained = refill rate per unit.
export const Limit = z.object({
  burst: z.number().int().positive(),
  rate: z.number().positive(),
  per: z.enum(['second', 'minute', 'hour']),
});
export type Limit = z.infer<typeof Limit>;

/** Every bucket the tenant keeps; `null` in a plan or an override means "no such limit". */
const LIMIT_IDS = [
  'global',
  'token',
  'userinfo',
  'change_password',
  'passwordless_start',
  'co_authenticate',
  'usernamepassword_login',
  'jwks',
  'oidc_register',
  'par',
  'bc_authorize',
  'device_code',
  'device_activation',
  'mfa_oob',
  'signup',
  'universal_login',
  'same_user_login',
] as const;
export type LimitId = (typeof LIMIT_IDS)[number];

export const PLANS = ['free', 'essentials', 'enterprise'] as const;
export type Plan = (typeof PLANS)[number];

export const LimitOverrides = z.partialRecord(z.enum(LIMIT_IDS), Limit.nullable());
export type LimitOverrides = z.infer<typeof LimitOverrides>;

export const RateLimitSettings = z.object({
  plan: z.enum(PLANS).default('enterprise'),
  overrides: LimitOverrides.default({}),
  /**
   * Brute-force protection: failed logins from one IP against one user before 429 too_many_attempts
   * (docs/auth0-api.md §4.5).
   */
  bruteForceThreshold: z.number().int().min(1).max(100).default(10),
});
export type RateLimitSettings = z.infer<typeof RateLimitSettings>;
