import { describeAnswer, jsonBody } from '../../checks/exchange.ts';
import { endpointResponseChecks } from '../../checks/sets/endpoint-responses.ts';
import { notOffered, recordChecks, recordSkip } from '../record-checks.ts';
import type { CheckCell } from '../k6-and-node/result-protocol.ts';
import { sendRequest } from '../send-request.ts';
import type { FlowContext } from './flow-context.ts';
import { plainUserLogin } from './plain-user-tokens.ts';
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
 * authenticators are listed, an OTP authenticator is associated (it stays inactive until a code
 * confirms it), and what that added is removed again. Runs last, as it changes the plain user on
 * the way.
 */
export async function mfaApi(ctx: FlowContext): Promise<void> {
  const mfaAudience = `${ctx.config.issuer}mfa/`;
  const tokens = await plainUserLogin(ctx, {
    audience: mfaAudience,
    scope: 'enroll read:authenticators remove:authenticators',
  });
  if (typeof tokens === 'string') {
    const why = `no access token for the MFA API (${mfaAudience}): ${tokens}`;
    for (const cell of [ASSOCIATE, AUTHENTICATORS, REMOVE]) recordSkip(cell, why);
    return;
  }
  const token = tokens.access_token;
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
  await removeAddedAuthenticators(ctx, bearer, authenticatorIds(listed));
}

/** The ids in a list of authenticators (an empty list for anything else). */
function authenticatorIds(listed: { response: { body: string; status: number; headers: Record<string, string> } }) {
  const list = jsonBody(listed.response);
  return Array.isArray(list)
    ? (list as { id?: unknown; active?: unknown }[]).filter(
        (a): a is { id: string; active?: unknown } => typeof a.id === 'string',
      )
    : [];
}

/**
 * Removes what the association added, so the run leaves the user as it found it: the OTP
 * authenticator (not yet confirmed), removed and then removed again, when the id names nothing
 * (docs/auth0-api.md §1.2, §3.9); then anything else the first enrolment brought (a recovery code).
 */
async function removeAddedAuthenticators(
  ctx: FlowContext,
  bearer: Record<string, string>,
  before: { id: string }[],
): Promise<void> {
  const listUrl = `${ctx.config.baseUrl}/mfa/authenticators`;
  const listed = await sendRequest({
    ...AUTHENTICATORS,
    method: 'GET',
    url: listUrl,
    headers: bearer,
    expectedStatuses: [200],
  });
  const added = authenticatorIds(listed).filter((a) => !before.some((b) => b.id === a.id));
  const unconfirmed = added.find((a) => a.active === false);
  if (!unconfirmed)
    return recordSkip(REMOVE, `no unconfirmed authenticator to remove: the list ${describeAnswer(listed.response)}`);
  const urlOf = (id: string) => `${listUrl}/${encodeURIComponent(id)}`;
  const removed = await checkedRequest(
    REMOVE,
    { method: 'DELETE', url: urlOf(unconfirmed.id), headers: bearer, expectedStatuses: [204] },
    authenticatorRemovedChecks,
    'remove the unconfirmed OTP authenticator',
  );
  if (!removed) return;
  await checkedRequest(
    REMOVE,
    { method: 'DELETE', url: urlOf(unconfirmed.id), headers: bearer, expectedStatuses: [404] },
    unknownAuthenticatorChecks,
    'remove an authenticator already removed',
  );
  for (const other of added.filter((a) => a !== unconfirmed))
    await sendRequest({ ...REMOVE, method: 'DELETE', url: urlOf(other.id), headers: bearer, expectedStatuses: [204] });
}
