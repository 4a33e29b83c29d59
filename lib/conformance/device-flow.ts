import { errorChecks } from '../../checks/errors/error-cases.ts';
import { jsonBody } from '../../checks/exchange.ts';
import { endpointResponseChecks } from '../../checks/sets/endpoint-responses.ts';
import { notOffered, recordChecks, recordSkip } from '../record-checks.ts';
import type { CheckCell } from '../k6-and-node/result-protocol.ts';
import { sendRequest } from '../send-request.ts';
import { endpointUnknown, grantNotAdvertised } from './discovery.ts';
import type { FlowContext } from './flow-context.ts';
import { TOKEN_ENDPOINT } from './token-request.ts';
import { GRANT_TYPE } from '../k6-and-node/grant-types.ts';

const DEVICE_ENDPOINT = 'POST /oauth/device/code';

/**
 * The device flow up to the user's approval: the device code response, then polling the token
 * endpoint at once (authorization_pending) and again without waiting the interval (slow_down).
 */
export async function deviceFlowPolling(ctx: FlowContext): Promise<void> {
  const cell: CheckCell = { endpoint: DEVICE_ENDPOINT, credential: 'none' };
  const client = ctx.config.clients.device;
  const url = ctx.tenant.endpoints.device_authorization_endpoint;
  const tokenUrl = ctx.tenant.endpoints.token_endpoint;
  if (!client) return recordSkip(cell, 'no device-flow client in the harness configuration (clients.device)');
  if (!url) return recordSkip(cell, endpointUnknown(ctx.tenant, 'device_authorization_endpoint'));
  if (!tokenUrl) return recordSkip(cell, endpointUnknown(ctx.tenant, 'token_endpoint'));
  const notAdvertised = grantNotAdvertised(ctx.tenant, GRANT_TYPE.deviceCode);
  if (notAdvertised) return recordSkip(cell, notAdvertised);

  const scope = 'openid offline_access';
  const params: Record<string, string> = {
    client_id: client.clientId,
    scope,
    ...(ctx.profile === 'auth0' ? { audience: ctx.config.audience } : {}),
  };
  const started = await sendRequest({ ...cell, method: 'POST', url, form: params, expectedStatuses: [200] });
  if (notOffered(cell, started)) return;
  if (!(await recordChecks(cell, endpointResponseChecks.deviceCode, started, started, 'device authorization'))) return;
  const deviceCode = (jsonBody(started.response) as { device_code: string }).device_code;

  const tokenCell: CheckCell = { endpoint: TOKEN_ENDPOINT, credential: 'none' };
  const poll = () =>
    sendRequest({
      ...tokenCell,
      method: 'POST',
      url: tokenUrl,
      form: {
        grant_type: GRANT_TYPE.deviceCode,
        device_code: deviceCode,
        client_id: client.clientId,
      },
      expectedStatuses: [400, 403, 429],
    });
  const pending = await poll();
  await recordChecks(
    tokenCell,
    errorChecks('device_pending', ctx.profile),
    pending,
    pending,
    'device_code polled before approval',
  );
  const tooFast = await poll();
  await recordChecks(
    tokenCell,
    errorChecks('device_slow_down', ctx.profile),
    tooFast,
    tooFast,
    'device_code polled again within the interval',
  );
}
