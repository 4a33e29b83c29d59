import { defineCheck, expectThat } from '../check.ts';
import type { Exchange } from '../exchange.ts';
import { rfc } from '../references.ts';

// RFC 6749 §5.1: responses carrying tokens must not be cached.
export const tokenResponseNoStore = defineCheck<Exchange>({
  id: 'token_response.cache_control.no_store',
  ref: rfc(6749, '5.1'),
  severity: 'failure',
  title: 'A token response carries Cache-Control: no-store.',
  run: ({ response }) => {
    const value = response.headers['cache-control'] ?? '';
    return expectThat(
      /(^|,)\s*no-store\s*(,|$)/i.test(value),
      () => `expected Cache-Control no-store, got ${JSON.stringify(value)}`,
    );
  },
});
