import { defineCheck, describeValue, expectThat } from '../check.ts';
import { jsonBody, type Exchange } from '../exchange.ts';
import { AUTH0 } from '../references.ts';

// mfa_required carries the mfa_token the client continues the login with (docs/auth0-api.md §3.2, §8.6).
export const mfaRequiredCarriesToken = defineCheck<Exchange>({
  id: 'token_error.mfa_required.carries_mfa_token',
  ref: AUTH0.mfaWithPasswordGrant,
  severity: 'failure',
  title: 'The mfa_required error carries a non-empty mfa_token.',
  run: ({ response }) => {
    const token = (jsonBody(response) as { mfa_token?: unknown } | undefined)?.mfa_token;
    return expectThat(
      typeof token === 'string' && token.length > 0,
      () => `expected a non-empty mfa_token, got ${describeValue(token)}`,
    );
  },
});
