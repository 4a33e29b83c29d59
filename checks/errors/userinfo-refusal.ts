import { defineCheck, describeValue, expectThat } from '../check.ts';
import { jsonBody, type Exchange } from '../exchange.ts';
import { statusCheck } from '../http/status.ts';

// /userinfo with an invalid or expired access token.

export const userinfoRefusalStatus = statusCheck('userinfo_error.invalid_token', 401, 'RFC6750-3.1, auth0-spec §3.9');

// Spec §7 item 3: real tenants answer with the text "Unauthorized" (shape D), the OAS with JSON
// invalid_token (shape A). Either, and nothing else.
export const userinfoRefusalBody = defineCheck<Exchange>({
  id: 'userinfo_error.invalid_token.body.is_unauthorized_text_or_invalid_token',
  ref: 'auth0-spec §3.1 (shape D), §7.3',
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
export const userinfoRefusalChallenge = defineCheck<Exchange>({
  id: 'userinfo_error.invalid_token.www_authenticate.is_bearer',
  ref: 'RFC6750-3',
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
