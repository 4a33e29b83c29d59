import { ssoDataChecks } from '../../checks/endpoints/sso-data.ts';
import { recordSkip } from '../record-checks.ts';
import type { CheckCell } from '../k6-and-node/result-protocol.ts';
import { browserLogin } from './browser-flows.ts';
import { authorizeThroughLogin } from './browser-login.ts';
import { checkedRequest } from './checked-request.ts';
import type { ConformanceContext } from './flow-context.ts';
import { plainUserTokens, subjectOf } from './plain-user-tokens.ts';

const CELL: CheckCell = { endpoint: 'GET /user/ssodata', credential: 'none' };

/**
 * /user/ssodata with the session a login through the login page leaves in the cookie jar: it must
 * name the user who logged in (docs/auth0-api.md §1.1). prompt=login makes that login happen even
 * when an earlier flow left another user's session in the jar.
 */
export async function ssoData(ctx: ConformanceContext): Promise<void> {
  const login = browserLogin(ctx);
  if (typeof login === 'string') return recordSkip(CELL, `SSO data needs a login session: ${login}`);
  let userId = login.user.userId ?? ctx.learned.userId;
  if (!userId) {
    const tokens = await plainUserTokens(ctx);
    userId = typeof tokens === 'string' ? undefined : subjectOf(tokens.id_token);
  }
  const { arrived } = await authorizeThroughLogin(
    login.authorizationEndpoint,
    {
      clientId: login.clientId,
      redirectUri: login.redirectUri,
      responseType: 'code',
      params: { scope: 'openid', prompt: 'login' },
    },
    login.user,
    login.steps,
  );
  if (!arrived) return recordSkip(CELL, 'the login through the login page did not reach the application');
  await checkedRequest(
    CELL,
    { method: 'GET', url: `${ctx.config.baseUrl}/user/ssodata`, expectedStatuses: [200] },
    ssoDataChecks,
    'SSO data of a login session',
    { userId },
  );
}
