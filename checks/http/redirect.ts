import { defineCheck, describeValue, expectThat, fail, pass, type Check } from '../check.ts';
import type { Exchange } from '../exchange.ts';
import { OPENID, rfc } from '../references.ts';

// Browser endpoints answer with a redirect whose parameters travel in the query (code, errors by
// default) or the fragment (implicit and hybrid): OAuth 2.0 Multiple Response Types §2,
// docs/auth0-api.md §1.1.

// k6 has no URL or URLSearchParams globals, so parameters are read by hand (WHATWG
// application/x-www-form-urlencoded parsing: `+` is a space, the first value of a name wins).
function parseParams(text: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const pair of text.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const decode = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
    const name = decode(eq < 0 ? pair : pair.slice(0, eq));
    if (!params.has(name)) params.set(name, eq < 0 ? '' : decode(pair.slice(eq + 1)));
  }
  return params;
}

/** The parameters of a Location header, from its query or its fragment. */
export function redirectParams(location: string, mode: 'query' | 'fragment'): Map<string, string> {
  const hash = location.indexOf('#');
  const beforeHash = hash < 0 ? location : location.slice(0, hash);
  if (mode === 'fragment') return parseParams(hash < 0 ? '' : location.slice(hash + 1));
  const query = beforeHash.indexOf('?');
  return parseParams(query < 0 ? '' : beforeHash.slice(query + 1));
}

/** Origin and path of a URL, without query or fragment: what a redirect target is compared on. */
export function redirectTarget(url: string): string {
  return url.replace(/[?#].*$/, '');
}

const location = (exchange: Exchange): string | undefined => exchange.response.headers.location;

export const redirectStatus = defineCheck<Exchange>({
  id: 'redirect.status.is_302',
  ref: rfc(6749, '4.1.2'),
  severity: 'failure',
  title: 'A browser endpoint answers with 302 Found and a Location.',
  run: (exchange) => {
    if (exchange.response.status !== 302) return fail(`expected status 302, got ${exchange.response.status}`);
    return expectThat(Boolean(location(exchange)), () => 'the 302 has no Location header');
  },
});

// RFC 6749 §1.7 lets any redirection carry a response back to the client; RFC 9700 §4.12 rules out
// 307, which would post the user's credentials on to the client, and recommends 303. Auth0 answers 302
// (redirect.status.is_302), which standard providers may answer as 303.
export const redirectStatusFound = defineCheck<Exchange>({
  id: 'redirect.status.is_302_or_303',
  ref: rfc(9700, '4.12'),
  severity: 'failure',
  title:
    'A browser endpoint answers with a 302 or 303 redirect (never 307, which re-posts credentials) and a Location.',
  run: (exchange) => {
    const { status } = exchange.response;
    if (status !== 302 && status !== 303) return fail(`expected status 302 or 303, got ${status}`);
    return expectThat(Boolean(location(exchange)), () => `the ${status} has no Location header`);
  },
});

/** The status rule a profile holds a browser endpoint's redirects to. */
export const redirectStatusFor = (profile: 'auth0' | 'oidc'): Check<Exchange> =>
  profile === 'auth0' ? redirectStatus : redirectStatusFound;

export const redirectToRegisteredUri = defineCheck<Exchange>({
  id: 'redirect.location.is_registered_uri',
  ref: rfc(6749, '3.1.2'),
  severity: 'failure',
  title: 'The redirect goes to the redirect_uri (or returnTo) the request named, which the application registered.',
  run: (exchange) => {
    const want = exchange.expect?.redirectUri;
    if (!want) return fail('the harness did not say where the redirect should go');
    const seen = location(exchange);
    return expectThat(
      seen !== undefined && redirectTarget(seen) === redirectTarget(want),
      () => `expected a redirect to ${describeValue(want)}, got ${describeValue(seen)}`,
    );
  },
});

// Logout echoes state too (OIDC RP-Initiated Logout §3).
export const redirectEchoesState = defineCheck<Exchange>({
  id: 'redirect.params.state_echoed',
  ref: rfc(6749, '4.1.2'),
  severity: 'failure',
  title: 'The redirect carries back the state the request sent, unchanged.',
  run: (exchange) => {
    const { state, responseMode = 'query' } = exchange.expect ?? {};
    if (state === undefined) return fail('the harness did not say which state it sent');
    const seen = redirectParams(location(exchange) ?? '', responseMode).get('state');
    return expectThat(
      seen === state,
      () => `expected state ${describeValue(state)} in the ${responseMode}, got ${describeValue(seen ?? undefined)}`,
    );
  },
});

const redirectCarriesResponse = defineCheck<Exchange>({
  id: 'redirect.params.carry_response_in_mode',
  ref: OPENID.responseModes,
  severity: 'failure',
  title: "The redirect carries the response type's parameters in the response mode's part of the URL, and no error.",
  run: (exchange) => {
    const { redirectParams: names = [], responseMode = 'query' } = exchange.expect ?? {};
    const params = redirectParams(location(exchange) ?? '', responseMode);
    if (params.has('error'))
      return fail(
        `the redirect carries error ${describeValue(params.get('error'))}: ${describeValue(params.get('error_description') ?? undefined)}`,
      );
    const missing = names.filter((n) => !params.get(n));
    return missing.length === 0
      ? pass()
      : fail(`expected ${missing.join(', ')} in the ${responseMode} of ${describeValue(location(exchange))}`);
  },
});

export const redirectChecks: Check<Exchange>[] = [redirectStatus, redirectToRegisteredUri, redirectCarriesResponse];

/** What a redirect back to the application must satisfy under a profile. */
export const redirectChecksFor = (profile: 'auth0' | 'oidc'): Check<Exchange>[] => [
  redirectStatusFor(profile),
  redirectToRegisteredUri,
  redirectCarriesResponse,
];
