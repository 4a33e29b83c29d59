import type { Limit, LimitId, Plan } from './rate-limit-settings.ts';

// Published public-cloud limits per plan (docs/auth0-api.md §4.3, §4.4). Endpoints that Essentials and Enterprise
// leave to the global bucket are null there. Where that table shows "—" for Free (the feature is
// not sold on Free), Free gets the Essentials figure so the endpoint still answers locally.

const perSecond = (burst: number, rate = burst): Limit => ({ burst, rate, per: 'second' });
const perMinute = (burst: number, rate = burst): Limit => ({ burst, rate, per: 'minute' });
const perHour = (burst: number, rate = burst): Limit => ({ burst, rate, per: 'hour' });

const shared: Record<LimitId, Limit | null> = {
  global: null,
  token: null,
  userinfo: perMinute(10, 5),
  change_password: perMinute(10, 1),
  passwordless_start: perHour(50),
  co_authenticate: null,
  usernamepassword_login: null,
  jwks: null,
  oidc_register: perSecond(5),
  par: perSecond(100),
  bc_authorize: perMinute(500),
  device_code: perSecond(5),
  device_activation: perSecond(30, 6),
  mfa_oob: perMinute(12),
  // Old policy page: 50/min per IP; today governed by suspicious-IP throttling (docs/auth0-api.md §4.4).
  signup: perMinute(50),
  universal_login: perMinute(10, 5),
  // Same-user login limit: 20 attempts from one IP to one user, then 10 per minute (docs/auth0-api.md §4.5).
  same_user_login: perMinute(20, 10),
};

export const PLAN_LIMITS: Record<Plan, Record<LimitId, Limit | null>> = {
  free: {
    ...shared,
    global: perMinute(300),
    token: perSecond(30),
    co_authenticate: perSecond(5),
    usernamepassword_login: perSecond(5),
    jwks: perSecond(20),
  },
  essentials: { ...shared, global: perSecond(25) },
  enterprise: { ...shared, global: perSecond(100) },
};
