import type { FastifyInstance } from 'fastify';
import { setTimeout as sleep } from 'node:timers/promises';
import { sendOAuthError } from '../oauth-error.ts';

/** Transport faults (latency, 5xx, dropped connections) and the http.* deviations; never on /__tenant. */
export function registerFaultHooks(app: FastifyInstance): void {
  const faults = app.tenant.faults;
  if (!faults.enabled) return;
  app.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.config?.unlimited || !faults.anyTransportFault) return;
    const delay = faults.latency();
    if (delay > 0) await sleep(delay);
    if (faults.shouldDrop()) {
      request.raw.socket.destroy();
      return reply.hijack();
    }
    // 503 temporarily_unavailable is the documented 5xx with a body (docs/auth0-api.md §3.1 generic mapping).
    if (faults.shouldFail())
      return sendOAuthError(
        reply,
        503,
        'temporarily_unavailable',
        'The service is temporarily unavailable (injected fault).',
      );
  });
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.routeOptions.config?.unlimited) return payload;
    if (faults.has('http.missing_no_store')) {
      reply.removeHeader('cache-control');
      reply.removeHeader('pragma');
    }
    if (faults.has('http.wrong_content_type') && String(reply.getHeader('content-type') ?? '').includes('json'))
      reply.header('content-type', 'text/html; charset=utf-8');
    return payload;
  });
}
