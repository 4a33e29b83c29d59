import { logoutRefusesUnlistedReturnTo } from '../../checks/http/logout.ts';
import type { Exchange } from '../../checks/exchange.ts';
import {
  redirectEchoesState,
  redirectStatus,
  redirectStatusFor,
  redirectToRegisteredUri,
} from '../../checks/http/redirect.ts';
import { formEncode } from '../form-encoding.ts';
import { loginSteps, NO_LOGIN_DESCRIPTION } from '../k6-and-node/login-description.ts';
import { notOffered, recordChecks, recordSkip } from '../record-checks.ts';
import type { CheckCell } from '../k6-and-node/result-protocol.ts';
import { sendRequest } from '../send-request.ts';
import { browse } from './browser-login.ts';
import { endpointUnknown } from './discovery.ts';
import type { ConformanceContext } from './flow-context.ts';

const V2_LOGOUT: CheckCell = { endpoint: 'GET /v2/logout', credential: 'none' };
const OIDC_LOGOUT: CheckCell = { endpoint: 'GET /oidc/logout', credential: 'none' };
const UNLISTED = 'https://unlisted.harness.invalid/logged-out';
const NO_LOGOUT_URI = 'no public client with a logoutUri in the harness configuration (clients.none.logoutUri)';

/**
 * /v2/logout sends the user agent to an Allowed Logout URL and never to an unlisted one
 * (docs/auth0-api.md §1.1, §8.20). docs/auth0-api.md §7.6: the API tables say 200, behaviour and the
 * OAS 302; a logout that redirects nowhere cannot honour returnTo, so 302 is required.
 */
export async function logout(ctx: ConformanceContext): Promise<void> {
  const client = ctx.config.clients.none;
  if (!client?.logoutUri) return recordSkip(V2_LOGOUT, NO_LOGOUT_URI);
  const v2 = (returnTo: string) =>
    sendRequest({
      ...V2_LOGOUT,
      method: 'GET',
      url: `${ctx.config.baseUrl}/v2/logout?${formEncode({ client_id: client.clientId, returnTo })}`,
      expectedStatuses: [302, 400],
    });
  const out = await v2(client.logoutUri);
  if (notOffered(V2_LOGOUT, out)) return;
  out.expect = { redirectUri: client.logoutUri };
  await recordChecks(V2_LOGOUT, [redirectStatus, redirectToRegisteredUri], out, out, 'logout to an Allowed Logout URL');
  const refused = await v2(UNLISTED);
  refused.expect = { redirectUri: UNLISTED };
  await recordChecks(V2_LOGOUT, [logoutRefusesUnlistedReturnTo], refused, refused, 'logout to an unlisted returnTo');
}

/**
 * RP-initiated logout (OIDC RP-Initiated Logout §2-3) with the ID token of a browser login as hint:
 * through the provider's confirmation page, if it shows one, to post_logout_redirect_uri with the
 * state echoed.
 */
export async function rpInitiatedLogout(ctx: ConformanceContext): Promise<void> {
  const client = ctx.config.clients.none;
  if (!client?.logoutUri) return recordSkip(OIDC_LOGOUT, NO_LOGOUT_URI);
  const endSession = ctx.tenant.endpoints.end_session_endpoint;
  if (!endSession) return recordSkip(OIDC_LOGOUT, endpointUnknown(ctx.tenant, 'end_session_endpoint'));
  const steps = loginSteps(ctx.config.login, ctx.profile, ctx.config.localTenant !== undefined);
  if (!steps) return recordSkip(OIDC_LOGOUT, NO_LOGIN_DESCRIPTION);
  const idTokenHint = ctx.learned.idTokenHint;
  const user = ctx.config.users.plain;
  if (!idTokenHint || !user)
    return recordSkip(OIDC_LOGOUT, 'no ID token from a browser login (the code flow) to give as id_token_hint');
  const state = crypto.randomUUID();
  const query = formEncode({
    id_token_hint: idTokenHint,
    post_logout_redirect_uri: client.logoutUri,
    client_id: client.clientId,
    state,
  });
  const { arrived, stuck, why } = await browse(
    { endpoint: OIDC_LOGOUT.endpoint, url: `${endSession}?${query}`, destination: client.logoutUri },
    user,
    steps,
  );
  const oidc = (arrived ?? stuck) as Exchange;
  if (notOffered(OIDC_LOGOUT, oidc)) return;
  oidc.expect = { redirectUri: client.logoutUri, state, responseMode: 'query' };
  const flow = 'RP-initiated logout with id_token_hint';
  await recordChecks(
    OIDC_LOGOUT,
    [redirectStatusFor(ctx.profile), redirectToRegisteredUri, redirectEchoesState],
    oidc,
    oidc,
    why ? `${flow}: ${why}` : flow,
  );
}
