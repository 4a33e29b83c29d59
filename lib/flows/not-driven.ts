import type { Profile } from '../conformance-matrix.ts';
import { recordSkip } from '../record-checks.ts';

// Cells the suite has no flow for yet. They are reported as skipped with this reason — never as
// passed — so the matrix shows exactly what remains to be covered.
const NOT_DRIVEN: { endpoint: string; credentials: string[]; profiles: Profile[]; reason: string }[] = [
  { endpoint: 'GET /authorize', credentials: ['none'], profiles: ['auth0', 'oidc'], reason: 'browser flows (code, PKCE, implicit, hybrid through the login page) are not driven yet' },
  { endpoint: 'POST /bc-authorize', credentials: ['client_secret_post', 'client_secret_basic', 'private_key_jwt', 'tls_client_auth'], profiles: ['auth0'], reason: 'CIBA (bc-authorize and its polling) is not driven yet' },
  { endpoint: 'POST /mfa/associate', credentials: ['bearer'], profiles: ['auth0'], reason: 'MFA enrolment is not driven yet' },
  { endpoint: 'GET /mfa/authenticators', credentials: ['bearer'], profiles: ['auth0'], reason: 'MFA authenticator listing is not driven yet' },
  { endpoint: 'GET /v2/logout', credentials: ['none'], profiles: ['auth0'], reason: 'logout needs a login session; browser flows are not driven yet' },
  { endpoint: 'GET /oidc/logout', credentials: ['none'], profiles: ['auth0', 'oidc'], reason: 'logout needs a login session; browser flows are not driven yet' },
];

export function reportNotDriven(profile: Profile): void {
  for (const cell of NOT_DRIVEN.filter((c) => c.profiles.includes(profile))) {
    for (const credential of cell.credentials) recordSkip({ endpoint: cell.endpoint, credential }, cell.reason);
  }
}
