import { jsonContentType } from '../http/json-content-type.ts';
import { tokenResponseNoStore } from '../http/no-store.ts';
import { statusCheck } from '../http/status.ts';
import { rfc } from '../references.ts';
import { schemaCheck } from '../schemas/schema-check.ts';
import { TokenResponse } from '../schemas/token-response.ts';

export const tokenResponseSchema = schemaCheck({
  id: 'token_response.schema',
  ref: rfc(6749, '5.1'),
  title: 'The token response has access_token, token_type Bearer and integer expires_in.',
  schema: TokenResponse,
});

// What every successful POST /oauth/token answer must satisfy, whatever the grant.
export const tokenSuccessChecks = [
  statusCheck('token_response.status.is_200', rfc(6749, '5.1')),
  jsonContentType,
  tokenResponseNoStore,
  tokenResponseSchema,
];
