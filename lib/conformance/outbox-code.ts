import { jsonBody } from '../../checks/exchange.ts';
import { sendRequest } from '../send-request.ts';
import type { FlowContext } from './flow-context.ts';

/**
 * The last code emailed or texted to `to`, read from the local tenant's outbox: a real tenant's
 * mail cannot be read, so flows that need the code run against the local tenant only. Undefined
 * without a local tenant or a code.
 */
export async function outboxCode(ctx: FlowContext, to: string): Promise<string | undefined> {
  const control = ctx.config.localTenant?.controlUrl;
  if (!control) return undefined;
  const outbox = await sendRequest({
    endpoint: 'GET /__tenant/outbox',
    credential: null,
    method: 'GET',
    url: `${control}/outbox?to=${encodeURIComponent(to)}`,
    expectedStatuses: [200],
  });
  const messages = (jsonBody(outbox.response) as { messages?: { code?: string }[] } | undefined)?.messages ?? [];
  return messages
    .map((m) => m.code)
    .filter(Boolean)
    .pop();
}
