import { defineCheck, expectThat } from '../check.ts';
import type { Exchange } from '../exchange.ts';
import { rfc } from '../references.ts';

// application/json, or a JSON structured-syntax type (RFC 6839 §3.1) such as RFC 7517's
// application/jwk-set+json, which standard providers serve their JWKS as. Auth0's API answers JSON
// (docs/auth0-api.md §1).
const JSON_TYPE = /^application\/([\w.-]+\+)?json\s*(;|$)/i;

export const jsonContentType = defineCheck<Exchange>({
  id: 'http.content_type.is_json',
  ref: rfc(6839, '3.1'),
  severity: 'failure',
  title: 'A JSON response declares Content-Type application/json (or an application/*+json type).',
  run: ({ response }) => {
    const type = response.headers['content-type'] ?? '';
    return expectThat(
      JSON_TYPE.test(type),
      () => `expected Content-Type application/json, got ${JSON.stringify(type)}`,
    );
  },
});
