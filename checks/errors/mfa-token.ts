import { defineCheck, describeValue, expectThat } from '../check.ts';
import { jsonBody, type Exchange } from '../exchange.ts';

// Spec §3.2, §8 item 6: mfa_required carries the mfa_token the client continues the login with.
export const mfaRequiredCarriesToken = defineCheck<Exchange>({
  id: 'token_error.mfa_required.carries_mfa_token',
  ref: 'auth0-spec §3.2, §8 item 6',
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
