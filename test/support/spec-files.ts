import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const TEST_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Every unit spec under test/ (`*.spec.ts`), relative to it, in a stable order. */
export const specFiles = (): string[] =>
  readdirSync(TEST_DIR, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.spec.ts'))
    .sort();
