import { jsonContentType } from '../http/json-content-type.ts';
import { tokenResponseNoStore } from '../http/no-store.ts';
import { statusCheck } from '../http/status.ts';
import { schemaCheck } from '../schemas/schema-check.ts';
import { TokenResponse } from '../schemas/token-response.ts';
import { oauthErrorCode } from '../errors/oauth-error-code.ts';

export const tokenResponseSchema = schemaCheck({
  id: 'token_response.schema',
  ref: 'RFC6749-5.1, auth0-spec §2.1',
  title: 'The token response has access_token, token_type Bearer and integer expires_in.',
  schema: TokenResponse,
});

// Exchange-level check sets for POST /oauth/token.
export const clientCredentialsCheckSets = {
  tokenSuccess: [statusCheck('token_response', 200, 'RFC6749-5.1'), jsonContentType, tokenResponseNoStore, tokenResponseSchema],
  // Spec §7 item 4: a wrong secret is 401 access_denied "Unauthorized" on real tenants, 401
  // invalid_client in the OAS and SDK mocks; both are accepted, nothing else.
  wrongSecret: [
    statusCheck('token_error.wrong_secret', 401, 'auth0-spec §3.3'),
    oauthErrorCode({ id: 'token_error.wrong_secret.code', ref: 'auth0-spec §3.3, §7.4', codes: ['access_denied', 'invalid_client'] }),
  ],
};
