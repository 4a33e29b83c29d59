import { errorChecks } from '../../checks/errors/error-cases.ts';
import { jsonBody, type Exchange } from '../../checks/exchange.ts';
import type { TokenResponse } from '../../checks/schemas/token-response.ts';
import { tokenSuccessChecks } from '../../checks/sets/token-response.ts';
import type { ClientMethod } from '../k6-and-node/credential-methods.ts';
import { recordChecks } from '../record-checks.ts';
import type { CheckCell } from '../k6-and-node/result-protocol.ts';
import type { FlowContext } from './flow-context.ts';
import { postAsClient, TOKEN_ENDPOINT } from './token-request.ts';

/**
 * The refresh_token grant with a live refresh token (and `params`, e.g. RFC 8707's resource): the
 * answer is held to the token response checks and returned when good, for the caller's token checks.
 */
export async function refreshTokens(
  ctx: FlowContext,
  method: ClientMethod,
  refreshToken: string,
  params: Record<string, string> = {},
): Promise<{ exchange: Exchange; tokens: TokenResponse } | undefined> {
  const cell: CheckCell = { endpoint: TOKEN_ENDPOINT, credential: method };
  const refreshed = await postAsClient(ctx, {
    endpoint: TOKEN_ENDPOINT,
    url: ctx.tenant.endpoints.token_endpoint as string,
    method,
    params: { grant_type: 'refresh_token', refresh_token: refreshToken, ...params },
    expectedStatuses: [200],
  });
  if (!refreshed || !(await recordChecks(cell, tokenSuccessChecks, refreshed, refreshed, 'refresh_token'))) return;
  return { exchange: refreshed, tokens: jsonBody(refreshed.response) as TokenResponse };
}

/**
 * A refresh token that must no longer work, presented again: refused with the error case's answer
 * (a rotated token past its leeway, docs/auth0-api.md §3.3 and RFC 9700 §4.14.2; a revoked one, §8.9).
 */
export async function refreshRefused(
  ctx: FlowContext,
  method: ClientMethod,
  refreshToken: string,
  errorCase: 'reused_refresh_token' | 'unknown_refresh_token',
  flow: string,
): Promise<void> {
  const cell: CheckCell = { endpoint: TOKEN_ENDPOINT, credential: method };
  const refused = await postAsClient(ctx, {
    endpoint: TOKEN_ENDPOINT,
    url: ctx.tenant.endpoints.token_endpoint as string,
    method,
    params: { grant_type: 'refresh_token', refresh_token: refreshToken },
    expectedStatuses: [400, 403],
  });
  if (refused) await recordChecks(cell, errorChecks(errorCase, ctx.profile), refused, refused, flow);
}
