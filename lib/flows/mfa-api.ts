import { describeAnswer, jsonBody } from '../../checks/exchange.ts';
import { endpointResponseChecks } from '../../checks/sets/endpoint-responses.ts';
import type { TokenResponse } from '../../checks/schemas/token-response.ts';
import { notOffered, recordChecks, recordSkip } from '../record-checks.ts';
import type { CheckCell } from '../result-protocol.ts';
import { sendRequest } from '../send-request.ts';
import type { FlowContext } from './flow-context.ts';
import { postAsClient, TOKEN_ENDPOINT } from './token-request.ts';
import { checkedRequest } from './checked-request.ts';
import {
  authenticatorRemovedChecks,
  unknownAuthenticatorChecks,
} from '../../checks/endpoints/mfa-authenticator-removal.ts';

const ASSOCIATE: CheckCell = { endpoint: 'POST /mfa/associate', credential: 'bearer' };
const AUTHENTICATORS: CheckCell = { endpoint: 'GET /mfa/authenticators', credential: 'bearer' };
const REMOVE: CheckCell = { endpoint: 'DELETE /mfa/authenticators/{id}', credential: 'bearer' };

/**
 * The MFA API with an access token for `https://{tenant}/mfa/` (docs/auth0-api.md §1.2, §5 bearer): the user's
 * authenticators are listed, and an OTP authenticator is associated (it stays inactive until a code
 * confirms it, so the user's later logins are unaffected). Runs last: it enrols the plain user.
 */
export async function mfaApi(ctx: FlowContext): Promise<void> {
  const user = ctx.config.users.plain;
  if (!user || !ctx.config.clients.client_secret_post) {
    const why = 'an MFA API token needs users.plain and a client_secret_post client in the harness configuration';
    for (const cell of [ASSOCIATE, AUTHENTICATORS, REMOVE]) recordSkip(cell, why);
    return;
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
      scope: 'enroll read:authenticators remove:authenticators',
    },
    expectedStatuses: [200],
  });
  const token = login?.response.status === 200 ? (jsonBody(login.response) as TokenResponse).access_token : undefined;
  if (!token) {
    const answer = login ? describeAnswer(login.response) : 'was not sent';
    const why = `no access token for the MFA API (${mfaAudience}): the password-realm login ${answer}`;
    for (const cell of [ASSOCIATE, AUTHENTICATORS, REMOVE]) recordSkip(cell, why);
    return;
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
  await removeUnconfirmedAuthenticator(ctx, bearer);
}

/**
 * Removes the OTP authenticator just associated (it is the one not yet confirmed), then removes it
 * again: the second time the id names nothing (docs/auth0-api.md §1.2, §3.9).
 */
async function removeUnconfirmedAuthenticator(ctx: FlowContext, bearer: Record<string, string>): Promise<void> {
  const listed = await sendRequest({
    ...AUTHENTICATORS,
    method: 'GET',
    url: `${ctx.config.baseUrl}/mfa/authenticators`,
    headers: bearer,
    expectedStatuses: [200],
  });
  const authenticators = jsonBody(listed.response);
  const unconfirmed = Array.isArray(authenticators)
    ? (authenticators as { id?: unknown; active?: unknown }[]).find(
        (a) => a.active === false && typeof a.id === 'string',
      )
    : undefined;
  if (!unconfirmed)
    return recordSkip(REMOVE, `no unconfirmed authenticator to remove: the list ${describeAnswer(listed.response)}`);
  const url = `${ctx.config.baseUrl}/mfa/authenticators/${encodeURIComponent(unconfirmed.id as string)}`;
  const removed = await checkedRequest(
    REMOVE,
    { method: 'DELETE', url, headers: bearer, expectedStatuses: [204] },
    authenticatorRemovedChecks,
    'remove the unconfirmed OTP authenticator',
  );
  if (!removed) return;
  await checkedRequest(
    REMOVE,
    { method: 'DELETE', url, headers: bearer, expectedStatuses: [404] },
    unknownAuthenticatorChecks,
    'remove an authenticator already removed',
  );
}
