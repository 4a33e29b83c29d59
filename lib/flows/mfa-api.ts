import { describeAnswer, jsonBody } from '../../checks/exchange.ts';
import { endpointResponseChecks } from '../../checks/sets/endpoint-responses.ts';
import type { TokenResponse } from '../../checks/schemas/token-response.ts';
import { notOffered, recordChecks, recordSkip } from '../record-checks.ts';
import type { CheckCell } from '../result-protocol.ts';
import { sendRequest } from '../send-request.ts';
import type { FlowContext } from './flow-context.ts';
import { postAsClient, TOKEN_ENDPOINT } from './token-request.ts';

const ASSOCIATE: CheckCell = { endpoint: 'POST /mfa/associate', credential: 'bearer' };
const AUTHENTICATORS: CheckCell = { endpoint: 'GET /mfa/authenticators', credential: 'bearer' };

/**
 * The MFA API with an access token for `https://{tenant}/mfa/` (docs/auth0-api.md §1.2, §5 bearer): the user's
 * authenticators are listed, and an OTP authenticator is associated (it stays inactive until a code
 * confirms it, so the user's later logins are unaffected). Runs last: it enrols the plain user.
 */
export async function mfaApi(ctx: FlowContext): Promise<void> {
  const user = ctx.config.users.plain;
  if (!user || !ctx.config.clients.client_secret_post) {
    const why = 'an MFA API token needs users.plain and a client_secret_post client in the harness configuration';
    recordSkip(ASSOCIATE, why);
    return recordSkip(AUTHENTICATORS, why);
  }
  const mfaAudience = `${ctx.config.issuer}mfa/`;
  const login = await postAsClient(ctx, {
    endpoint: TOKEN_ENDPOINT,
    url: ctx.tenant.endpoints.token_endpoint as string,
    method: 'client_secret_post',
    params: {
      grant_type: 'http://auth0.com/oauth/grant-type/password-realm',
      username: user.username,
      password: user.password,
      realm: ctx.config.connections.database,
      audience: mfaAudience,
      scope: 'enroll read:authenticators',
    },
    expectedStatuses: [200],
  });
  const token = login?.response.status === 200 ? (jsonBody(login.response) as TokenResponse).access_token : undefined;
  if (!token) {
    const answer = login ? describeAnswer(login.response) : 'was not sent';
    const why = `no access token for the MFA API (${mfaAudience}): the password-realm login ${answer}`;
    recordSkip(ASSOCIATE, why);
    return recordSkip(AUTHENTICATORS, why);
  }
  const bearer = { Authorization: `Bearer ${token}` };
  const listed = await sendRequest({
    ...AUTHENTICATORS,
    method: 'GET',
    url: `${ctx.config.baseUrl}/mfa/authenticators`,
    headers: bearer,
    expectedStatuses: [200],
  });
  if (!notOffered(AUTHENTICATORS, listed))
    await recordChecks(
      AUTHENTICATORS,
      endpointResponseChecks.mfaAuthenticators,
      listed,
      listed,
      'list MFA authenticators',
    );
  const associated = await sendRequest({
    ...ASSOCIATE,
    method: 'POST',
    url: `${ctx.config.baseUrl}/mfa/associate`,
    headers: bearer,
    json: { authenticator_types: ['otp'] },
    expectedStatuses: [200],
  });
  if (!notOffered(ASSOCIATE, associated))
    await recordChecks(
      ASSOCIATE,
      endpointResponseChecks.mfaAssociate,
      associated,
      associated,
      'associate an OTP authenticator',
    );
}
