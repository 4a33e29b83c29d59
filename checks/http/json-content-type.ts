import { defineCheck, expectThat } from '../check.ts';
import type { Exchange } from '../exchange.ts';

export const jsonContentType = defineCheck<Exchange>({
  id: 'http.content_type.is_json',
  ref: 'auth0-spec §1 (POST bodies and responses are JSON)',
  severity: 'failure',
  title: 'A JSON response declares Content-Type application/json.',
  run: ({ response }) => {
    const type = response.headers['content-type'] ?? '';
    return expectThat(/^application\/json\b/i.test(type), () => `expected Content-Type application/json, got ${JSON.stringify(type)}`);
  },
});
