import { logoutRefusesUnlistedReturnTo } from '../../checks/http/logout.ts';
import { redirectEchoesState, redirectStatus, redirectToRegisteredUri } from '../../checks/http/redirect.ts';
import { formEncode } from '../form-encoding.ts';
import { notOffered, recordChecks, recordSkip } from '../record-checks.ts';
import type { CheckCell } from '../result-protocol.ts';
import { sendRequest } from '../send-request.ts';
import { endpointUnknown } from './discovery.ts';
import type { ConformanceContext } from './flow-context.ts';

const V2_LOGOUT: CheckCell = { endpoint: 'GET /v2/logout', credential: 'none' };
const OIDC_LOGOUT: CheckCell = { endpoint: 'GET /oidc/logout', credential: 'none' };
const UNLISTED = 'https://unlisted.harness.invalid/logged-out';

/**
 * /v2/logout sends the user agent to an Allowed Logout URL and never to an unlisted one; /oidc/logout
 * with the hybrid login's ID token as hint sends it to post_logout_redirect_uri with the state echoed
 * (docs/auth0-api.md §1.1, §8.20). docs/auth0-api.md §7.6: the API tables say 200, behaviour and the OAS 302; a
 * logout that redirects nowhere cannot honour returnTo, so 302 is required.
 */
export async function logout(ctx: ConformanceContext): Promise<void> {
  const client = ctx.config.clients.none;
  if (!client?.logoutUri) {
    const why = 'no public client with a logoutUri in the harness configuration (clients.none.logoutUri)';
    recordSkip(V2_LOGOUT, why);
    return recordSkip(OIDC_LOGOUT, why);
  }
  const v2 = (returnTo: string) =>
    sendRequest({
      ...V2_LOGOUT,
      method: 'GET',
      url: `${ctx.config.baseUrl}/v2/logout?${formEncode({ client_id: client.clientId, returnTo })}`,
      expectedStatuses: [302, 400],
    });
  const out = await v2(client.logoutUri);
  if (!notOffered(V2_LOGOUT, out)) {
    out.expect = { redirectUri: client.logoutUri };
    await recordChecks(
      V2_LOGOUT,
      [redirectStatus, redirectToRegisteredUri],
      out,
      out,
      'logout to an Allowed Logout URL',
    );
    const refused = await v2(UNLISTED);
    refused.expect = { redirectUri: UNLISTED };
    await recordChecks(V2_LOGOUT, [logoutRefusesUnlistedReturnTo], refused, refused, 'logout to an unlisted returnTo');
  }

  const endSession = ctx.tenant.endpoints.end_session_endpoint;
  if (!endSession) return recordSkip(OIDC_LOGOUT, endpointUnknown(ctx.tenant, 'end_session_endpoint'));
  const idTokenHint = ctx.learned.idTokenHint;
  if (!idTokenHint)
    return recordSkip(OIDC_LOGOUT, 'no ID token from a browser login (the hybrid flow) to give as id_token_hint');
  const state = crypto.randomUUID();
  const oidc = await sendRequest({
    ...OIDC_LOGOUT,
    method: 'GET',
    url: `${endSession}?${formEncode({ id_token_hint: idTokenHint, post_logout_redirect_uri: client.logoutUri, client_id: client.clientId, state })}`,
    expectedStatuses: [302],
  });
  if (notOffered(OIDC_LOGOUT, oidc)) return;
  oidc.expect = { redirectUri: client.logoutUri, state, responseMode: 'query' };
  await recordChecks(
    OIDC_LOGOUT,
    [redirectStatus, redirectToRegisteredUri, redirectEchoesState],
    oidc,
    oidc,
    'RP-initiated logout with id_token_hint',
  );
}
