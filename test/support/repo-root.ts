import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout the tests run in. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
