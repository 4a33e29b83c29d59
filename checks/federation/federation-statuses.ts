import { statusCheck } from '../http/status.ts';
import { AUTH0 } from '../references.ts';

// POST /login/callback: a SAMLResponse whose signature the connection's certificate does not verify
// is refused, never turned into a login (docs/auth0-api.md §1.1).
export const samlCallbackRefusalChecks = [
  statusCheck('saml_callback_error.bad_signature.status.is_400', AUTH0.samlIdpInitiated),
];

// POST /samlp/{client_id}/logout answers 200 with the page that posts the LogoutResponse (docs/auth0-api.md §1.1).
export const samlLogoutPageChecks = [statusCheck('saml_logout.status.is_200', AUTH0.samlLogout)];
