import { statusCheck } from '../http/status.ts';
import { AUTH0 } from '../references.ts';

// POST /oauth/global-token-revocation/connection/{connection_name} (docs/auth0-api.md §1.1): 200
// once the identity provider's request is authenticated, 401 when it is not.
export const globalTokenRevocationChecks = [
  statusCheck('global_token_revocation.status.is_200', AUTH0.globalTokenRevocation),
];
export const globalTokenRevocationErrorChecks = [
  statusCheck('global_token_revocation_error.unauthenticated.status.is_401', AUTH0.globalTokenRevocation),
];
