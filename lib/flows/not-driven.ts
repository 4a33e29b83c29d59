import type { Profile } from '../conformance-matrix.ts';
import { recordSkip } from '../record-checks.ts';

// Cells the suite has no flow for yet. They are reported as skipped with this reason — never as
// passed — so the matrix shows exactly what remains to be covered.
const NOT_DRIVEN: { endpoint: string; credentials: string[]; profiles: Profile[]; reason: string }[] = [
  // A standard provider's login UI is its own; only Auth0's Universal Login form is driven.
  { endpoint: 'GET /authorize', credentials: ['none'], profiles: ['oidc'], reason: "the oidc profile does not drive a provider's own login pages" },
  { endpoint: 'POST /mfa/associate', credentials: ['bearer'], profiles: ['auth0'], reason: 'MFA enrolment is not driven yet' },
  { endpoint: 'GET /mfa/authenticators', credentials: ['bearer'], profiles: ['auth0'], reason: 'MFA authenticator listing is not driven yet' },
  { endpoint: 'GET /oidc/logout', credentials: ['none'], profiles: ['oidc'], reason: "RP-initiated logout needs a session from the provider's own login pages, which the oidc profile does not drive" },
];

export function reportNotDriven(profile: Profile): void {
  for (const cell of NOT_DRIVEN.filter((c) => c.profiles.includes(profile))) {
    for (const credential of cell.credentials) recordSkip({ endpoint: cell.endpoint, credential }, cell.reason);
  }
}
