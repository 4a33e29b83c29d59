import { SharedArray } from 'k6/data';
import { HarnessConfig } from './k6-and-node/harness-config.ts';

/**
 * Reads the harness configuration in k6's init context with open(): the file named by
 * HARNESS_CONFIG_FILE, which the CLI writes outside the output folder (it holds secrets) once
 * cli/harness-config-sources.ts has checked everything in it. Init code only: open() is not
 * available once the test runs.
 */
export function openHarnessConfig(): HarnessConfig {
  // Read and validated once for the whole run: every VU runs this init code, and a load run starts
  // hundreds of VUs. k6 keeps one read-only copy of a SharedArray for all of them.
  return new SharedArray('auth0-harness config', () => [validatedConfig()])[0] as HarnessConfig;
}

function validatedConfig(): HarnessConfig {
  const file = __ENV.HARNESS_CONFIG_FILE;
  if (!file) {
    throw new Error(
      'HARNESS_CONFIG_FILE is not set. Run the suite with `auth0-harness run`, or pass -e HARNESS_CONFIG_FILE=<path to a harness config JSON>.',
    );
  }
  const parsed = HarnessConfig.safeParse(JSON.parse(open(file)));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`The harness configuration in ${file} is invalid: ${problems}`);
  }
  return parsed.data;
}
