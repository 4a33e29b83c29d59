import { jsonBody } from '../../checks/exchange.ts';
import { discoverTenant } from '../conformance/discovery.ts';
import type { HarnessConfig } from '../k6-and-node/harness-config.ts';
import { setRateLimits } from '../ratelimit/tenant-control.ts';
import { sendRequest } from '../send-request.ts';
import type { LoadRun } from './load-flows.ts';
import type { LoadSettings } from '../k6-and-node/load-settings.ts';
import type { LoginUser } from './user-login.ts';

// Endpoint buckets the local tenant would otherwise hit within seconds of load (per user, per IP):
// lifted for load runs, so what is measured is the tenant, with only its global limit left standing.
const LIFTED_ON_LOCAL = [
  'userinfo',
  'change_password',
  'passwordless_start',
  'signup',
  'same_user_login',
  'co_authenticate',
  'jwks',
  'token',
  'universal_login',
] as const;

/** Signs up `count` users for the per-VU pool; the ones the tenant refused are left out. */
async function signUpPool(config: HarnessConfig, clientId: string, count: number): Promise<LoginUser[]> {
  const users: LoginUser[] = [];
  const run = Date.now().toString(36);
  for (let i = 1; i <= count; i++) {
    const user = { username: `load-pool-${run}-${i}@harness.invalid`, password: `Pool-${run}-${i}-pass!9` };
    const exchange = await sendRequest({
      endpoint: 'POST /dbconnections/signup (setup)',
      credential: null,
      method: 'POST',
      url: `${config.baseUrl}/dbconnections/signup`,
      json: {
        client_id: clientId,
        email: user.username,
        password: user.password,
        connection: config.connections.database,
      },
      expectedStatuses: [200],
    });
    if (exchange.response.status === 200 && jsonBody(exchange.response) !== undefined) users.push(user);
  }
  return users;
}

/** k6 setup: discovery once, the local tenant's endpoint limits lifted, the per-VU user pool. */
export async function loadSetup(config: HarnessConfig, settings: LoadSettings): Promise<LoadRun> {
  const tenant = await discoverTenant(config, config.profile);
  if (!tenant)
    throw new Error(
      `discovery or the JWKS of ${config.baseUrl} failed its checks; see the findings. The load run needs both.`,
    );
  const controlUrl = config.localTenant?.controlUrl;
  if (controlUrl)
    await setRateLimits(controlUrl, { overrides: Object.fromEntries(LIFTED_ON_LOCAL.map((b) => [b, null])) });
  const clientId = config.clients.none?.clientId ?? config.clients.client_secret_post?.clientId;
  const pool = settings.signupUsers > 0 && clientId ? await signUpPool(config, clientId, settings.signupUsers) : [];
  if (pool.length === 0 && config.users.plain) pool.push(config.users.plain);
  return { config, profile: config.profile, tenant, pool, sampleEvery: settings.sampleEvery };
}
