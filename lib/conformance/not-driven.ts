import type { Profile } from '../k6-and-node/conformance-matrix.ts';
import { NOT_DRIVEN } from './conformance-plan.ts';
import { recordSkip } from '../record-checks.ts';

/** Reports the cells the profile has no flow for as skipped, each with its reason. */
export function reportNotDriven(profile: Profile): void {
  for (const cell of NOT_DRIVEN.filter((c) => c.profiles.includes(profile))) {
    for (const credential of cell.credentials) recordSkip({ endpoint: cell.endpoint, credential }, cell.reason);
  }
}
