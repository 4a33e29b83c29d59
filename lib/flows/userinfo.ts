import { userinfoRefusalChecks } from '../../checks/errors/userinfo-refusal.ts';
import { notOffered, recordChecks, recordSkip } from '../record-checks.ts';
import type { CheckCell } from '../result-protocol.ts';
import { sendRequest } from '../send-request.ts';
import { endpointUnknown } from './discovery.ts';
import type { FlowContext } from './flow-context.ts';

const USERINFO_ENDPOINT = 'GET /userinfo';

/** /userinfo refuses a bearer token it never issued (docs/auth0-api.md §3.9, RFC 6750 §3.1). */
export async function userinfoRefusesUnknownToken(ctx: FlowContext): Promise<void> {
  const cell: CheckCell = { endpoint: USERINFO_ENDPOINT, credential: 'bearer' };
  const url = ctx.tenant.endpoints.userinfo_endpoint;
  if (!url) return recordSkip(cell, endpointUnknown(ctx.tenant, 'userinfo_endpoint'));
  const refused = await sendRequest({
    ...cell,
    method: 'GET',
    url,
    headers: { Authorization: 'Bearer never-issued-harness-access-token' },
    expectedStatuses: [401],
  });
  if (notOffered(cell, refused)) return;
  await recordChecks(cell, userinfoRefusalChecks[ctx.profile], refused, refused, 'userinfo with a token never issued');
}
