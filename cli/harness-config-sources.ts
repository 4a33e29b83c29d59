import path from 'node:path';
import { HarnessConfig, PRIVATE_KEY_JWT_ALGS } from '../lib/k6-and-node/harness-config.ts';
import { checkCertificateChainPem, checkCertificatePem } from './certificate-pem.ts';
import { checkClientCertificateKey } from './client-certificate-key.ts';
import { checkClientPrivateKey } from './client-private-key.ts';
import { applyEnv, envVariableFor, unknownVariables } from './harness-config-env.ts';
import { readJsonFile, readTextFile } from './read-json-file.ts';
import { jsonPath, schemaProblems } from './schema-problems.ts';
import type { FieldPath } from './unknown-fields.ts';
import { UsageError } from './usage-error.ts';

// The configuration for a real tenant, from a JSON file (--config), AUTH0_HARNESS_* variables over
// it, and --target and --profile over both. Everything is checked before a run starts, down to the
// key and certificate files, which are read and parsed here (k6 gets their PEM in the private
// configuration file the CLI writes). Every problem is reported at once, each naming the field as
// the user gave it (a JSON path, or the variable that set it) and the fix.

export interface HarnessConfigSources {
  /** --config: the JSON file. */
  file?: string;
  env?: NodeJS.ProcessEnv;
  /** --target's base URL and --profile, which win over the file and the environment. */
  flags?: { baseUrl?: string; profile?: string };
}

const CONFIG_FILE = {
  flag: '--config',
  what: 'a harness configuration JSON file (README, "Pointing it at a real tenant")',
};

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Fields that name a file whose content becomes another field, checked as what it should hold. */
const KEY_MATERIAL = [
  {
    client: 'private_key_jwt',
    fileField: 'privateKeyFile',
    pemField: 'privateKeyPem',
    what: 'a PEM private key',
    check: async (pem: string, entry: Json) => {
      // An alg outside the list is a problem of its own (the schema's); the key is then checked alone.
      const alg = PRIVATE_KEY_JWT_ALGS.find((a) => a === entry.alg);
      const checked = await checkClientPrivateKey(pem, alg);
      return 'pkcs8' in checked ? { pem: checked.pkcs8 } : checked;
    },
  },
  {
    client: 'tls_client_auth',
    fileField: 'certificateFile',
    pemField: 'certificatePem',
    what: 'a PEM client certificate',
    check: async (pem: string) => checkCertificatePem(pem),
  },
  // The certificate before its key, which is checked against it.
  {
    client: 'mtls_handshake',
    fileField: 'certificateFile',
    pemField: 'certificatePem',
    what: 'a PEM client certificate (the leaf first, then any intermediate CA certificates)',
    check: async (pem: string) => checkCertificateChainPem(pem),
  },
  {
    client: 'mtls_handshake',
    fileField: 'privateKeyFile',
    pemField: 'privateKeyPem',
    what: 'the PEM private key of the client certificate',
    check: async (pem: string, entry: Json) =>
      checkClientCertificateKey(pem, entry.certificatePem, entry.privateKeyPassword),
  },
] as const;

/** The file field a PEM field is normally given by: a missing key is asked for as a file. */
const FILE_FIELD_OF = new Map(
  KEY_MATERIAL.map((k) => [`clients.${k.client}.${k.pemField}`, `clients.${k.client}.${k.fileField}`]),
);

interface Resolution {
  json: Json;
  /** Dotted field path → the variable or flag that set it. */
  origins: Map<string, string>;
  /** Paths whose problems are already in `problems`. */
  reported: Set<string>;
  problems: string[];
  /** Where relative file paths in the --config file start. */
  configDir: string;
}

const nameOf = (r: Resolution, fieldPath: string) => r.origins.get(fieldPath) ?? fieldPath;

/** Reads and checks the key and certificate, replacing each file field with its (normalised) PEM. */
async function resolveKeyMaterial(r: Resolution): Promise<void> {
  const clients = isObject(r.json.clients) ? r.json.clients : {};
  for (const spec of KEY_MATERIAL) {
    const entry = clients[spec.client];
    if (!isObject(entry)) continue;
    const filePath = `clients.${spec.client}.${spec.fileField}`;
    const pemPath = `clients.${spec.client}.${spec.pemField}`;
    let pem: string;
    let subject: string;
    if (entry[spec.fileField] !== undefined) {
      const file = entry[spec.fileField];
      delete entry[spec.fileField];
      r.reported.add(pemPath);
      if (entry[spec.pemField] !== undefined) {
        r.problems.push(
          `${nameOf(r, filePath)}: give ${spec.fileField} or ${spec.pemField}, not both; remove one of them.`,
        );
        continue;
      }
      if (typeof file !== 'string' || file === '') {
        r.problems.push(`${nameOf(r, filePath)}: must be the path of ${spec.what}.`);
        continue;
      }
      // A path from the file is relative to the file; one from a variable, to where the CLI runs.
      const resolved = path.resolve(r.origins.has(filePath) ? process.cwd() : r.configDir, file);
      try {
        pem = readTextFile(resolved, { flag: nameOf(r, filePath), what: spec.what });
      } catch (error) {
        if (!(error instanceof UsageError)) throw error;
        r.problems.push(error.message);
        continue;
      }
      subject = `${nameOf(r, filePath)}: ${resolved}`;
    } else if (typeof entry[spec.pemField] === 'string') {
      pem = entry[spec.pemField] as string;
      subject = `${nameOf(r, pemPath)}:`;
    } else continue;
    const checked = await spec.check(pem, entry);
    if ('problem' in checked) {
      r.problems.push(`${subject} ${checked.problem}`);
      r.reported.add(pemPath);
    } else entry[spec.pemField] = checked.pem;
  }
}

/** --target names the tenant; a file or variable naming another one would send its secrets there. */
function applyFlags(r: Resolution, flags: HarnessConfigSources['flags'] = {}): void {
  if (flags.baseUrl !== undefined) {
    const given = r.json.baseUrl;
    if (typeof given === 'string' && URL.canParse(given) && new URL(given).origin !== flags.baseUrl) {
      r.problems.push(
        `${nameOf(r, 'baseUrl')}: names ${new URL(given).origin} but --target is ${flags.baseUrl}; a configuration's clients and secrets belong to one tenant, so make them agree (or leave baseUrl out).`,
      );
    }
    r.json.baseUrl = flags.baseUrl;
    r.origins.set('baseUrl', '--target');
  }
  if (flags.profile !== undefined) {
    r.json.profile = flags.profile;
    r.origins.set('profile', '--profile');
  }
}

function describeSources(sources: HarnessConfigSources, usedEnv: boolean): string {
  const parts = [
    sources.file ? `--config ${sources.file}` : undefined,
    usedEnv ? 'AUTH0_HARNESS_* variables' : undefined,
  ];
  return parts.filter(Boolean).join(' and ') || 'no --config file and no AUTH0_HARNESS_* variables';
}

/** Builds the configuration from its sources and checks all of it; a UsageError lists every problem. */
export async function resolveHarnessConfig(sources: HarnessConfigSources): Promise<HarnessConfig> {
  const env = sources.env ?? {};
  let json: Json = {};
  if (sources.file) {
    const content = readJsonFile(sources.file, CONFIG_FILE);
    if (!isObject(content))
      throw new UsageError(
        `--config: ${sources.file} holds ${content === null ? 'null' : Array.isArray(content) ? 'a list' : `a ${typeof content}`}; it should hold a JSON object such as {"baseUrl": "https://your-tenant.eu.auth0.com", "audience": …, "clients": {…}}.`,
      );
    json = content;
  }
  const r: Resolution = {
    json,
    origins: new Map(),
    reported: new Set(),
    problems: [],
    configDir: sources.file ? path.dirname(path.resolve(sources.file)) : process.cwd(),
  };
  for (const v of unknownVariables(env))
    r.problems.push(
      `${v.name}: unknown variable; ${v.suggestion ? `did you mean ${v.suggestion}?` : 'remove it (the variables are listed in README, "Pointing it at a real tenant").'}`,
    );
  r.origins = applyEnv(json, env);
  const usedEnv = r.origins.size > 0 || r.problems.length > 0;
  applyFlags(r, sources.flags);
  // Auth0's issuer is the domain with a trailing slash (spec §2.2): the default when none is given,
  // and no problem of its own while the baseUrl it comes from is wrong.
  if (json.issuer === undefined && typeof json.baseUrl === 'string') {
    if (URL.canParse(json.baseUrl)) json.issuer = `${json.baseUrl.replace(/\/+$/, '')}/`;
    else r.reported.add('issuer');
  }
  await resolveKeyMaterial(r);

  r.problems.push(
    ...schemaProblems(HarnessConfig, json, {
      fieldName: (p: FieldPath) => {
        const dotted = p.join('.');
        return r.origins.get(dotted) ?? FILE_FIELD_OF.get(dotted) ?? jsonPath(p);
      },
      howToGive: (p: FieldPath) => {
        const dotted = FILE_FIELD_OF.get(p.join('.')) ?? p.join('.');
        const variable = envVariableFor(dotted);
        const inFile = `add it to the --config file${dotted.endsWith('File') ? ' (the path of the file)' : ''}`;
        return variable ? `${inFile}, or set ${variable}` : inFile;
      },
      alreadyReported: (p: FieldPath) => r.reported.has(p.join('.')),
    }),
  );
  if (r.problems.length > 0) {
    // By field (variables first, in capitals), so a misspelt key stands beside the one it was meant to be.
    r.problems.sort();
    const count = r.problems.length === 1 ? 'a problem' : `${r.problems.length} problems`;
    throw new UsageError(
      `the harness configuration (${describeSources(sources, usedEnv)}) has ${count}:\n${r.problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  }
  return HarnessConfig.parse(json);
}
