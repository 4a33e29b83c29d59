import type { Profile } from '../conformance-matrix.ts';
import { recordSkip } from '../record-checks.ts';

// Cells a profile has no flow for. They are reported as skipped with this reason — never as passed —
// so the matrix shows exactly what a run did not cover.
const NOT_DRIVEN: { endpoint: string; credentials: string[]; profiles: Profile[]; reason: string }[] = [
  // A standard provider's login UI is its own; only Auth0's Universal Login form is driven.
  {
    endpoint: 'GET /authorize',
    credentials: ['none'],
    profiles: ['oidc'],
    reason: "the oidc profile does not drive a provider's own login pages",
  },
  {
    endpoint: 'GET /oidc/logout',
    credentials: ['none'],
    profiles: ['oidc'],
    reason:
      "RP-initiated logout needs a session from the provider's own login pages, which the oidc profile does not drive",
  },
];

export function reportNotDriven(profile: Profile): void {
  for (const cell of NOT_DRIVEN.filter((c) => c.profiles.includes(profile))) {
    for (const credential of cell.credentials) recordSkip({ endpoint: cell.endpoint, credential }, cell.reason);
  }
}
