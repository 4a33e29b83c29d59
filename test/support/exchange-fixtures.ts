import type { Exchange } from '../../checks/exchange.ts';

/** An exchange with a JSON response, for check tests. */
export function jsonExchange(status: number, body: unknown, headers: Record<string, string> = {}): Exchange {
  return {
    request: { method: 'POST', url: 'https://tenant.example/oauth/token', headers: {} },
    response: {
      status,
      headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    },
  };
}
