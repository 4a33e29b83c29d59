// The published limits of the buckets the rate-limit suite drives (docs/auth0-api.md §4.3, §4.4, §4.5), as the
// client-side expectation: the documented burst is what the first 429 is set against, the sustained
// rate is how much refill the Remaining rules tolerate. Buckets that paid plans leave to the global
// limit have no figure of their own there.

export type Plan = 'free' | 'essentials' | 'enterprise';
export const PLANS: readonly Plan[] = ['free', 'essentials', 'enterprise'];

export interface PublishedLimit {
  burst: number;
  rate: number;
  per: 'second' | 'minute' | 'hour';
}

const perSecond = (burst: number, rate = burst): PublishedLimit => ({ burst, rate, per: 'second' });
const perMinute = (burst: number, rate = burst): PublishedLimit => ({ burst, rate, per: 'minute' });
const perHour = (burst: number, rate = burst): PublishedLimit => ({ burst, rate, per: 'hour' });

/** The bucket names the local tenant's control API uses for the same limits. */
export type BucketId =
  | 'global'
  | 'token'
  | 'userinfo'
  | 'change_password'
  | 'passwordless_start'
  | 'jwks'
  | 'co_authenticate'
  | 'signup'
  | 'same_user_login'
  // Limited endpoints the conformance suite reads the headers of, without driving them.
  | 'oidc_register'
  | 'par'
  | 'bc_authorize'
  | 'device_code'
  | 'global_token_revocation';

const GLOBAL: Record<Plan, PublishedLimit> = {
  free: perMinute(300),
  essentials: perSecond(25),
  enterprise: perSecond(100),
};

export function publishedLimit(bucket: BucketId, plan: Plan): PublishedLimit | undefined {
  const free = plan === 'free';
  switch (bucket) {
    case 'global':
      return GLOBAL[plan];
    case 'token':
      return free ? perSecond(30) : undefined;
    case 'userinfo':
      return perMinute(10, 5);
    case 'change_password':
      return perMinute(10, 1);
    case 'passwordless_start':
      return perHour(50);
    case 'jwks':
      return free ? perSecond(20) : undefined;
    case 'co_authenticate':
      return free ? perSecond(5) : undefined;
    // The old policy page's 50/min per IP; today suspicious-IP throttling decides (docs/auth0-api.md §4.4, §4.5).
    case 'signup':
      return perMinute(50);
    // 20 attempts from one IP to one user within a minute, then 10 a minute (docs/auth0-api.md §4.5).
    case 'same_user_login':
      return perMinute(20, 10);
    // docs/auth0-api.md §4.4; where Free shows no figure the feature is not sold on it.
    case 'oidc_register':
      return perSecond(5);
    case 'par':
      return free ? undefined : perSecond(100);
    case 'bc_authorize':
      return free ? undefined : perMinute(500);
    case 'device_code':
      return free ? undefined : perSecond(5);
    case 'global_token_revocation':
      return free ? undefined : perSecond(35);
  }
}

export function refillPerSecond(limit: PublishedLimit): number {
  return limit.rate / { second: 1, minute: 60, hour: 3600 }[limit.per];
}
