import { defineCheck, describeValue, expectThat, fail } from '../check.ts';
import type { Exchange } from '../exchange.ts';
import { AUTH0 } from '../references.ts';
import { redirectTarget } from './redirect.ts';

// /v2/logout and /oidc/logout send the user agent only to registered logout URLs (docs/auth0-api.md
// §1.1, §8.20; OIDC RP-Initiated Logout §3). The success case is a redirect check (redirect.ts); this is
// the refusal: an unlisted returnTo must not be followed, whatever page or status the tenant shows.
export const logoutRefusesUnlistedReturnTo = defineCheck<Exchange>({
  id: 'logout.unlisted_return_to.not_redirected',
  ref: AUTH0.redirectAfterLogout,
  severity: 'failure',
  title: 'Logout never redirects to a returnTo that is not an Allowed Logout URL.',
  run: (exchange) => {
    const unlisted = exchange.expect?.redirectUri;
    if (!unlisted) return fail('the harness did not say which unlisted returnTo it sent');
    const location = exchange.response.headers.location;
    return expectThat(
      location === undefined || redirectTarget(location) !== redirectTarget(unlisted),
      () => `the tenant redirected to the unlisted ${describeValue(location)}`,
    );
  },
});

export const logoutChecks = [logoutRefusesUnlistedReturnTo];
