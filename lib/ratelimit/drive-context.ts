import { jsonBody } from '../../checks/exchange.ts';
import type { TenantMetadata } from '../conformance/discovery.ts';
import type { HarnessConfig } from '../k6-and-node/harness-config.ts';
import { passwordRealmRequest } from '../load/user-login.ts';
import { sendRequest } from '../send-request.ts';
import type { DriveContext } from './rate-limited-endpoints.ts';

/** What every drive needs: endpoints from discovery and, for /userinfo, the plain user's access token. */
export async function driveContext(config: HarnessConfig, tenant: TenantMetadata): Promise<DriveContext> {
  const ctx: DriveContext = {
    config,
    tokenEndpoint: tenant.endpoints.token_endpoint ?? `${config.baseUrl}/oauth/token`,
    jwksUri: `${config.baseUrl}/.well-known/jwks.json`,
    runId: Date.now().toString(36),
  };
  const user = config.users.plain;
  const login =
    user && passwordRealmRequest(config, ctx.tokenEndpoint, user, 'POST /oauth/token (login for /userinfo)', [200]);
  if (login) {
    const exchange = await sendRequest(login);
    ctx.userAccessToken = (jsonBody(exchange.response) as { access_token?: string } | undefined)?.access_token;
  }
  return ctx;
}
