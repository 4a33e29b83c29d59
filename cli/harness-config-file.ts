import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { HarnessConfig } from '../lib/harness-config.ts';
import { applyEnv, envVariableFor } from './harness-config-env.ts';
import { UsageError } from './usage-error.ts';

// The configuration for a real tenant: a JSON file (--config) and/or AUTH0_HARNESS_* variables, with
// keys and certificates given as file paths that are read here, on the Node side (k6 gets the PEM in
// the private configuration file the CLI writes). Every problem is reported at once, by field, with
// how to fix it.

// Fields holding a path whose file's content becomes another field.
const FILE_FIELDS = [
  { client: 'private_key_jwt', from: 'privateKeyFile', to: 'privateKeyPem', what: 'a PKCS#8 PEM private key' },
  { client: 'tls_client_auth', from: 'certificateFile', to: 'certificatePem', what: 'a PEM client certificate' },
] as const;

function readReferencedFiles(config: Record<string, unknown>, baseDir: string, problems: string[]): void {
  const clients = (config.clients ?? {}) as Record<string, Record<string, unknown> | undefined>;
  for (const { client, from, to, what } of FILE_FIELDS) {
    const entry = clients[client];
    const file = entry?.[from];
    if (!entry || typeof file !== 'string') continue;
    const resolved = path.resolve(baseDir, file);
    if (!existsSync(resolved)) {
      problems.push(`clients.${client}.${from}: ${resolved} does not exist; give the path of ${what}.`);
      continue;
    }
    entry[to] = readFileSync(resolved, 'utf8');
    delete entry[from];
  }
}

function fixFor(fieldPath: string): string {
  const variable = envVariableFor(fieldPath);
  return variable ? ` (set it in the --config file or with ${variable})` : '';
}

export interface HarnessConfigSources {
  /** --config: the JSON file. */
  file?: string;
  env?: NodeJS.ProcessEnv;
  /** Values from the command line, which win: --target's base URL, --profile. */
  overrides?: { baseUrl?: string; profile?: string };
}

/** Builds and validates the configuration from its sources. */
export function loadHarnessConfig(sources: HarnessConfigSources): HarnessConfig {
  const problems: string[] = [];
  let json: Record<string, unknown> = {};
  const where = sources.file ? `--config: ${sources.file}` : 'the AUTH0_HARNESS_* environment';
  if (sources.file) {
    if (!existsSync(sources.file))
      throw new UsageError(
        `--config: ${sources.file} does not exist; give the path of a harness configuration JSON file.`,
      );
    try {
      json = JSON.parse(readFileSync(sources.file, 'utf8'));
    } catch (error) {
      throw new UsageError(`--config: ${sources.file} is not valid JSON (${(error as Error).message}).`);
    }
  }
  applyEnv(json, sources.env ?? {});
  Object.assign(json, Object.fromEntries(Object.entries(sources.overrides ?? {}).filter(([, v]) => v !== undefined)));
  // Auth0's issuer is the domain with a trailing slash (docs/auth0-api.md §2.2): the default when none is given.
  if (json.issuer === undefined && typeof json.baseUrl === 'string')
    json.issuer = `${json.baseUrl.replace(/\/+$/, '')}/`;
  readReferencedFiles(json, sources.file ? path.dirname(path.resolve(sources.file)) : process.cwd(), problems);

  const parsed = HarnessConfig.safeParse(json);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path.join('.');
      problems.push(`${field || '(file)'}: ${issue.message}${fixFor(field)}.`);
    }
  }
  if (problems.length > 0)
    throw new UsageError(`${where} has problems:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return parsed.data as HarnessConfig;
}

/** The --config file alone (no environment), e.g. to learn a run's secrets for scrubbing reports. */
export function readHarnessConfigFile(file: string, baseUrl?: string): HarnessConfig {
  return loadHarnessConfig({ file, env: {}, overrides: { baseUrl } });
}
