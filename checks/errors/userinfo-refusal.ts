import { defineCheck, describeValue, expectThat } from '../check.ts';
import { jsonBody, type Exchange } from '../exchange.ts';
import { statusCheck } from '../http/status.ts';
import { AUTH0, rfc } from '../references.ts';

// /userinfo with an invalid or expired access token.

const userinfoRefusalStatus = statusCheck('userinfo_error.invalid_token.status.is_401', rfc(6750, '3.1'));

// Real tenants answer with the text "Unauthorized" (shape D), the OAS with JSON invalid_token
// (shape A): either, and nothing else (docs/auth0-api.md §3.1, §7.3).
const userinfoRefusalBody = defineCheck<Exchange>({
  id: 'userinfo_error.invalid_token.body.is_unauthorized_text_or_invalid_token',
  ref: AUTH0.userinfo,
  severity: 'failure',
  title: 'The refusal body is the text "Unauthorized" or a JSON invalid_token error.',
  run: ({ response }) => {
    const body = jsonBody(response) as { error?: unknown } | undefined;
    const ok = response.body.trim() === 'Unauthorized' || body?.error === 'invalid_token';
    return expectThat(
      ok,
      () => `expected "Unauthorized" or {"error":"invalid_token"}, got ${describeValue(response.body)}`,
    );
  },
});

// RFC 6750 §3: a protected resource refusing a bearer token says so in WWW-Authenticate.
const userinfoRefusalChallenge = defineCheck<Exchange>({
  id: 'userinfo_error.invalid_token.www_authenticate.is_bearer',
  ref: rfc(6750, '3'),
  severity: 'failure',
  title: 'The refusal carries a WWW-Authenticate: Bearer challenge.',
  run: ({ response }) => {
    const challenge = response.headers['www-authenticate'] ?? '';
    return expectThat(
      /^bearer\b/i.test(challenge),
      () => `expected WWW-Authenticate: Bearer …, got ${describeValue(challenge || undefined)}`,
    );
  },
});

export const userinfoRefusesToken = [userinfoRefusalStatus, userinfoRefusalBody, userinfoRefusalChallenge];

export const userinfoRefusalChecks = {
  auth0: [userinfoRefusalStatus, userinfoRefusalBody],
  oidc: [userinfoRefusalStatus, userinfoRefusalChallenge],
};
