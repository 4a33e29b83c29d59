import type { ClientMethod } from '../k6-and-node/credential-methods.ts';
import type { FlowContext } from './flow-context.ts';
import { GRANT_TYPE } from '../k6-and-node/grant-types.ts';

// The grant_not_allowed case needs a grant the provider implements but the client is not registered
// for: only then is unauthorized_client the answer (RFC 6749 §5.2). A grant the provider does not offer
// at all is rightly unsupported_grant_type instead, so the grant is chosen from what discovery
// advertises and what the configuration says the client has.

// RFC 8414 §2: a server that lists no grant_types_supported supports these.
const DEFAULT_GRANTS = ['authorization_code', 'implicit'];

/**
 * Token-endpoint grants the harness can request, in order of preference, each with parameters that
 * are well formed and wrong only in naming nothing ever issued: the grant is the one thing to refuse.
 */
function grantRequests(ctx: FlowContext, method: ClientMethod): Record<string, Record<string, string>> {
  const client = ctx.config.clients[method];
  const redirectUri = client && 'redirectUri' in client ? client.redirectUri : undefined;
  return {
    [GRANT_TYPE.deviceCode]: { device_code: 'never-issued-harness-device-code' },
    [GRANT_TYPE.ciba]: { auth_req_id: 'never-issued-harness-auth-req-id' },
    refresh_token: { refresh_token: 'never-issued-harness-refresh-token' },
    authorization_code: {
      code: 'never-issued-harness-code',
      redirect_uri: redirectUri ?? 'https://harness.invalid/callback',
    },
    client_credentials: ctx.profile === 'auth0' ? { audience: ctx.config.audience } : { resource: ctx.config.audience },
  };
}

export interface RefusedGrant {
  grant: string;
  params: Record<string, string>;
}

/**
 * A grant the provider advertises and the client of `method` is not registered for, with a request
 * for it; or why none fits, for the checks to be reported not applicable.
 */
export function refusedGrant(ctx: FlowContext, method: ClientMethod): RefusedGrant | string {
  const requests = grantRequests(ctx, method);
  const registered = ctx.config.clients[method]?.grantTypes;
  const advertised = ctx.tenant.grantTypes;
  const request = (grant: string): RefusedGrant => ({ grant, params: { grant_type: grant, ...requests[grant] } });
  if (!registered) {
    // Auth0 offers the device grant to Native applications only (docs/auth0-api.md §1.2): no
    // confidential client is registered for it.
    if (ctx.profile === 'auth0' && (!advertised || advertised.includes(GRANT_TYPE.deviceCode)))
      return request(GRANT_TYPE.deviceCode);
    return `no grant the provider advertises is known to be refused to this client: list the grants it is registered for in clients.${method}.grantTypes`;
  }
  const offered = advertised ?? DEFAULT_GRANTS;
  const grant = Object.keys(requests).find((g) => offered.includes(g) && !registered.includes(g));
  if (grant) return request(grant);
  return `every grant the provider advertises that the harness can request (${offered.filter((g) => g in requests).join(', ') || 'none'}) is one clients.${method}.grantTypes lists`;
}
