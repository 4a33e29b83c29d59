import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const TEST_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Every file under test/ whose name ends with `suffix`, relative to it, in a stable order. */
const filesEndingWith = (suffix: string): string[] =>
  readdirSync(TEST_DIR, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith(suffix))
    .sort();

/** Every unit spec under test/ (`*.spec.ts`). */
export const specFiles = (): string[] => filesEndingWith('.spec.ts');

/** Every test of the local tenant's HTTP API that starts its tenant in the process (`*.tenant-test.ts`). */
export const tenantTestFiles = (): string[] => filesEndingWith('.tenant-test.ts');

/** Every test that runs scripts on the engine in processes of its own (`*.engine-test.ts`). */
export const engineTestFiles = (): string[] => filesEndingWith('.engine-test.ts');

/** Every test of a command as a user runs it, the CLI in processes of its own (`*.cli-test.ts`). */
export const cliTestFiles = (): string[] => filesEndingWith('.cli-test.ts');

/**
 * Every test that serves its target in the process (a tenant with faults, oidc-provider) and runs the
 * CLI or the engine against it (`*.server-test.ts`).
 */
export const serverTestFiles = (): string[] => filesEndingWith('.server-test.ts');
