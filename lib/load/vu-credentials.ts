import { jsonBody } from '../../checks/exchange.ts';
import type { HarnessConfig } from '../k6-and-node/harness-config.ts';
import { sendRequest } from '../send-request.ts';
import type { LoginUser } from './user-login.ts';
import { passwordRealmRequest } from './user-login.ts';

// Per-VU credentials: each VU logs in as its own user of the pool (setup's signups, or the configured
// user) and keeps its tokens between iterations, as a real client would.

export interface UserTokens {
  accessToken: string;
  refreshToken?: string;
}

let tokens: UserTokens | undefined;

export function poolUser(pool: readonly LoginUser[]): LoginUser | undefined {
  return pool.length ? pool[(__VU - 1) % pool.length] : undefined;
}

/** This VU's tokens, logging in (outside the measured figures: tagged as setup traffic) when needed. */
export async function vuTokens(
  config: HarnessConfig,
  tokenEndpoint: string,
  pool: readonly LoginUser[],
): Promise<UserTokens | undefined> {
  if (tokens) return tokens;
  const user = poolUser(pool);
  const request = user && passwordRealmRequest(config, tokenEndpoint, user, 'POST /oauth/token (VU login)', [200]);
  if (!request) return undefined;
  const body = jsonBody((await sendRequest(request)).response) as
    | { access_token?: string; refresh_token?: string }
    | undefined;
  tokens = body?.access_token ? { accessToken: body.access_token, refreshToken: body.refresh_token } : undefined;
  return tokens;
}

export function replaceTokens(next: UserTokens | undefined): void {
  tokens = next;
}
