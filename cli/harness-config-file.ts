import { existsSync, readFileSync } from 'node:fs';
import { HarnessConfig, type HarnessConfigInput } from '../lib/harness-config.ts';
import { UsageError } from './usage-error.ts';

/** Reads and validates a harness configuration file, reporting every problem at once, by field. */
export function readHarnessConfigFile(file: string, overrides: { baseUrl?: string; profile?: string } = {}): HarnessConfig {
  if (!existsSync(file)) throw new UsageError(`--config: ${file} does not exist; give the path of a harness configuration JSON file.`);
  let json: HarnessConfigInput;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`--config: ${file} is not valid JSON (${(error as Error).message}).`);
  }
  const parsed = HarnessConfig.safeParse({ ...json, ...overrides });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  - ${i.path.join('.') || '(file)'}: ${i.message}`).join('\n');
    throw new UsageError(`--config: ${file} has problems:\n${problems}`);
  }
  return parsed.data;
}
