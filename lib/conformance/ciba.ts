import { errorChecks } from '../../checks/errors/error-cases.ts';
import { jsonBody } from '../../checks/exchange.ts';
import { endpointResponseChecks } from '../../checks/sets/endpoint-responses.ts';
import { tokenSuccessChecks } from '../../checks/sets/token-response.ts';
import { notOffered, recordChecks, recordSkip } from '../record-checks.ts';
import type { CheckCell } from '../k6-and-node/result-protocol.ts';
import { sendRequest } from '../send-request.ts';
import { wait } from '../wait.ts';
import { endpointUnknown } from './discovery.ts';
import type { ConformanceContext, FlowContext } from './flow-context.ts';
import { postAsClient, TOKEN_ENDPOINT } from './token-request.ts';
import { withClientSecret, type ClientMethod } from '../k6-and-node/credential-methods.ts';
import { GRANT_TYPE } from '../k6-and-node/grant-types.ts';

const BC_AUTHORIZE = 'POST /bc-authorize';
// Polling waits at most this long for the interval the server names (docs/auth0-api.md §1.2: 5 s).
const MAX_INTERVAL_SECONDS = 10;

type CibaMethod = Exclude<ClientMethod, 'none'>;

/**
 * CIBA as a client of `method` (docs/auth0-api.md §1.2: csb/csp/pkj/mtls). The configuration's CIBA application
 * authenticates by client_secret_post (clients.ciba) and is polled to the end; the other methods start
 * a request with their per-method client, which must have CIBA enabled. The login_hint names the user
 * the configuration or an earlier password login gave.
 */
export async function backchannelAuthentication(ctx: ConformanceContext, method: CibaMethod): Promise<void> {
  const cell: CheckCell = { endpoint: BC_AUTHORIZE, credential: method };
  const url = ctx.tenant.endpoints.backchannel_authentication_endpoint;
  if (!url) return recordSkip(cell, endpointUnknown(ctx.tenant, 'backchannel_authentication_endpoint'));
  const subject = ctx.learned.userId ?? ctx.config.users.plain?.userId;
  if (!subject)
    return recordSkip(
      cell,
      'the user id for login_hint is unknown: users.plain.userId is not set, and no password login of users.plain got tokens',
    );
  const loginHint = JSON.stringify({ format: 'iss_sub', iss: ctx.config.issuer, sub: subject });
  return method === 'client_secret_post'
    ? cibaToTokens(ctx, url, loginHint)
    : bcAuthorizeWith(ctx, method, url, loginHint);
}

/**
 * CIBA (docs/auth0-api.md §1.2, §3.5): /bc-authorize without binding_message is refused; with it, an auth_req_id
 * comes back; polling at once is authorization_pending, polling again within the interval slow_down.
 * On the local tenant the control API approves the request (Guardian's part), and the poll after the
 * interval gets tokens.
 */
async function cibaToTokens(ctx: FlowContext, url: string, loginHint: string): Promise<void> {
  const cell: CheckCell = { endpoint: BC_AUTHORIZE, credential: 'client_secret_post' };
  const client = ctx.config.clients.ciba;
  if (!client) return recordSkip(cell, 'no CIBA application in the harness configuration (clients.ciba)');
  const start = (params: Record<string, string>) => {
    const auth = withClientSecret('client_secret_post', client, { login_hint: loginHint, scope: 'openid', ...params });
    return sendRequest({ ...cell, method: 'POST', url, form: auth.params, expectedStatuses: [200, 400] });
  };
  const unbound = await start({});
  if (notOffered(cell, unbound)) return;
  await recordChecks(
    cell,
    errorChecks('bc_authorize_missing_binding_message', 'auth0'),
    unbound,
    unbound,
    'bc-authorize without binding_message',
  );
  const started = await start({ binding_message: 'harness-123' });
  if (!(await recordChecks(cell, endpointResponseChecks.bcAuthorize, started, started, 'bc-authorize'))) return;
  const { auth_req_id: authReqId, interval = 5 } = jsonBody(started.response) as {
    auth_req_id: string;
    interval?: number;
  };

  const tokenCell: CheckCell = { endpoint: TOKEN_ENDPOINT, credential: 'client_secret_post' };
  const poll = () => {
    const auth = withClientSecret('client_secret_post', client, {
      grant_type: GRANT_TYPE.ciba,
      auth_req_id: authReqId,
    });
    return sendRequest({
      ...tokenCell,
      method: 'POST',
      url: ctx.tenant.endpoints.token_endpoint as string,
      form: auth.params,
      expectedStatuses: [200, 400, 401, 403, 429],
    });
  };
  const pending = await poll();
  await recordChecks(tokenCell, errorChecks('ciba_pending', 'auth0'), pending, pending, 'CIBA polled before approval');
  const tooFast = await poll();
  await recordChecks(
    tokenCell,
    errorChecks('ciba_slow_down', 'auth0'),
    tooFast,
    tooFast,
    'CIBA polled again within the interval',
  );

  const control = ctx.config.localTenant?.controlUrl;
  if (!control) return;
  await sendRequest({
    endpoint: 'POST /__tenant/ciba',
    credential: null,
    method: 'POST',
    url: `${control}/ciba/${encodeURIComponent(authReqId)}`,
    json: { decision: 'approve' },
    expectedStatuses: [200],
  });
  await wait((Math.min(interval, MAX_INTERVAL_SECONDS) + 0.5) * 1000);
  const approved = await poll();
  await recordChecks(tokenCell, tokenSuccessChecks, approved, approved, 'CIBA polled after approval');
}

/** /bc-authorize with another confidential method: refused without binding_message, an auth_req_id with it. */
async function bcAuthorizeWith(ctx: FlowContext, method: CibaMethod, url: string, loginHint: string): Promise<void> {
  const cell: CheckCell = { endpoint: BC_AUTHORIZE, credential: method };
  const start = (params: Record<string, string>) =>
    postAsClient(ctx, {
      endpoint: BC_AUTHORIZE,
      url,
      method,
      params: { login_hint: loginHint, scope: 'openid', ...params },
      expectedStatuses: [200, 400],
    });
  const unbound = await start({});
  if (!unbound) return recordSkip(cell, `no ${method} client in the harness configuration (clients.${method})`);
  if (notOffered(cell, unbound)) return;
  await recordChecks(
    cell,
    errorChecks('bc_authorize_missing_binding_message', 'auth0'),
    unbound,
    unbound,
    'bc-authorize without binding_message',
  );
  const started = await start({ binding_message: 'harness-456' });
  if (started) await recordChecks(cell, endpointResponseChecks.bcAuthorize, started, started, 'bc-authorize');
}
