// Every check the suites may report, by id: reports look up severity, reference and title here, and a
// test asserts that ids are unique and well formed.
import type { Check } from './check.ts';
import { tokenCheckSets } from './sets/token-checks.ts';
import { discoveryCheckSets } from './sets/discovery.ts';
import { clientCredentialsCheckSets } from './sets/client-credentials.ts';

type AnyCheck = Check<never>;

const all: AnyCheck[] = [
  ...Object.values(tokenCheckSets).flat(),
  ...Object.values(clientCredentialsCheckSets).flat(),
  ...discoveryCheckSets.discovery(''),
  ...discoveryCheckSets.jwks,
] as AnyCheck[];

export const checkCatalogue: ReadonlyMap<string, AnyCheck> = new Map(all.map((c) => [c.id, c]));
