import { userinfoRefusalChecks } from '../../checks/errors/userinfo-refusal.ts';
import { userinfoSubjectChecks } from '../../checks/http/userinfo-subject.ts';
import { endpointResponseChecks } from '../../checks/sets/endpoint-responses.ts';
import { notOffered, recordChecks, recordSkip } from '../record-checks.ts';
import type { CheckCell } from '../k6-and-node/result-protocol.ts';
import { sendRequest } from '../send-request.ts';
import { endpointUnknown } from './discovery.ts';
import type { FlowContext } from './flow-context.ts';
import { plainUserTokens, subjectOf } from './plain-user-tokens.ts';

// OIDC Core §5.3.1: the UserInfo endpoint takes GET and POST alike, the token as a bearer header.
const VERBS = [
  { verb: 'GET', cell: { endpoint: 'GET /userinfo', credential: 'bearer' } },
  { verb: 'POST', cell: { endpoint: 'POST /userinfo', credential: 'bearer' } },
] as const satisfies readonly { verb: string; cell: CheckCell }[];

/**
 * /userinfo by GET and by POST: a bearer token it never issued is refused (docs/auth0-api.md §3.9,
 * RFC 6750 §3.1); on Auth0, the plain user's access token gets that user's claims, with the sub of
 * both tokens of the login (docs/auth0-api.md §8.11, OIDC Core §5.3.2).
 */
export async function userinfo(ctx: FlowContext): Promise<void> {
  const url = ctx.tenant.endpoints.userinfo_endpoint;
  if (!url) {
    for (const { cell } of VERBS) recordSkip(cell, endpointUnknown(ctx.tenant, 'userinfo_endpoint'));
    return;
  }
  const offered: CheckCell[] = [];
  for (const { verb, cell } of VERBS) {
    const refused = await sendRequest({
      ...cell,
      method: verb,
      url,
      headers: { Authorization: 'Bearer never-issued-harness-access-token' },
      expectedStatuses: [401],
    });
    if (notOffered(cell, refused)) continue;
    offered.push(cell);
    await recordChecks(
      cell,
      userinfoRefusalChecks[ctx.profile],
      refused,
      refused,
      'userinfo with a token never issued',
    );
  }
  // A user's tokens come from Auth0's password-realm grant; a standard provider's need its login pages.
  if (ctx.profile !== 'auth0' || offered.length === 0) return;
  const tokens = await plainUserTokens(ctx);
  if (typeof tokens === 'string') return;
  await userinfoWithToken(ctx, tokens, offered);
}

/**
 * /userinfo with a user's access token, by each verb offered (GET alone unless told): 200 with that
 * user's claims, and the sub of both tokens of the login (docs/auth0-api.md §8.11, OIDC Core §5.3.2).
 */
export async function userinfoWithToken(
  ctx: FlowContext,
  tokens: { access_token: string; id_token?: string },
  offered: CheckCell[] = [VERBS[0].cell],
): Promise<void> {
  const url = ctx.tenant.endpoints.userinfo_endpoint;
  if (!url) return;
  const tokenSubjects = { access_token: subjectOf(tokens.access_token), id_token: subjectOf(tokens.id_token) };
  for (const { verb, cell } of VERBS.filter((v) => offered.includes(v.cell))) {
    const info = await sendRequest({
      ...cell,
      method: verb,
      url,
      headers: { Authorization: `Bearer ${tokens.access_token}` },
      expectedStatuses: [200],
    });
    if (notOffered(cell, info)) continue;
    info.expect = { tokenSubjects };
    await recordChecks(
      cell,
      [...endpointResponseChecks.userinfo, ...userinfoSubjectChecks],
      info,
      info,
      `userinfo by ${verb} with a user access token`,
    );
  }
}
