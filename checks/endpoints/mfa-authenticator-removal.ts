import { statusCheck } from '../http/status.ts';
import { AUTH0 } from '../references.ts';

// DELETE /mfa/authenticators/{id} (docs/auth0-api.md §1.2, §3.9): 204 No Content, 404 for an id the
// user has no authenticator under.
export const authenticatorRemovedChecks = [
  statusCheck('mfa_authenticators_delete.status.is_204', AUTH0.mfaDeleteAuthenticator),
];
export const unknownAuthenticatorChecks = [
  statusCheck('mfa_authenticators_delete_error.unknown_authenticator.status.is_404', AUTH0.mfaDeleteAuthenticator),
];
