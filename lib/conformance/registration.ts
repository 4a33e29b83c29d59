import { endpointResponseChecks } from '../../checks/sets/endpoint-responses.ts';
import { signingRules } from '../../checks/token/signing-rules.ts';
import { notOffered, recordChecks, recordSkip } from '../record-checks.ts';
import type { CheckCell } from '../k6-and-node/result-protocol.ts';
import { sendRequest } from '../send-request.ts';
import { endpointUnknown } from './discovery.ts';
import type { FlowContext } from './flow-context.ts';

const REGISTER_ENDPOINT = 'POST /oidc/register';

/** Open dynamic registration of a public client (docs/auth0-api.md §1.2, RFC 7591). */
export async function dynamicRegistration(ctx: FlowContext): Promise<void> {
  const cell: CheckCell = { endpoint: REGISTER_ENDPOINT, credential: 'none' };
  const url = ctx.tenant.endpoints.registration_endpoint;
  if (!url)
    return recordSkip(cell, endpointUnknown(ctx.tenant, 'registration_endpoint', 'dynamic registration is off'));
  const registered = await sendRequest({
    ...cell,
    method: 'POST',
    url,
    json: {
      client_name: 'auth0-harness conformance',
      redirect_uris: ['https://harness.invalid/callback'],
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code'],
      response_types: ['code'],
      // OIDC Registration §2 defaults ID tokens to RS256; a provider may offer others only, so the
      // standards profile asks for one it advertises.
      ...(ctx.profile === 'oidc'
        ? { id_token_signed_response_alg: signingRules('oidc', 'id_token', ctx.tenant.algorithms).algorithms[0] }
        : {}),
    },
    expectedStatuses: [200, 201],
  });
  if (notOffered(cell, registered)) return;
  await recordChecks(
    cell,
    ctx.profile === 'auth0' ? endpointResponseChecks.registrationAuth0 : endpointResponseChecks.registrationOidc,
    registered,
    registered,
    'dynamic client registration',
  );
}
