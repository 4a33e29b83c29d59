import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { buildBundles, scenarioEntryPoints } from '../build.mjs';
import { remoteWriteConfig, RemoteWriteConfigError } from '../engine/output/prometheus-remote-write-config.ts';
import { hasEnvConfig } from './harness-config-env.ts';
import { resolveHarnessConfig } from './harness-config-sources.ts';
import { testRunProblems } from './k6-operator/testrun-schema.ts';
import { resourceNames, testRunManifest, type TestRunPlan } from './k6-operator/testrun-manifest.ts';
import {
  harnessConfigSecret,
  resultsVolumeClaim,
  scriptConfigMap,
  scriptForConfigMap,
} from './k6-operator/testrun-resources.ts';
import { suiteEnvironment, type LoadFlags } from './load-options.ts';
import { splitEnvironment } from './split-run.ts';
import { LOAD_POLICY_NOTICE, parseTarget } from './target.ts';
import { UsageError } from './usage-error.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface K6OperatorOptions extends LoadFlags {
  parallelism: string;
  suite: string;
  name?: string;
  config?: string;
  target?: string;
  profile: string;
  outDir: string;
  image: string;
  prometheusRwUrl?: string;
  prometheusNativeHistograms?: boolean;
  resultsSize: string;
  storageClass?: string;
  iHavePermission: boolean;
}

// The fields of the TestRun a flag sets, to name the flag when the schema refuses a value.
const FLAG_OF_FIELD: Record<string, string> = {
  'spec.parallelism': '--parallelism',
  'metadata.name': '--name',
};

// Kubernetes' quantity syntax (as resource requests write it).
const QUANTITY =
  /^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$/;

/** A whole number as a number; anything else as given, for the CRD's schema to name its type. */
function parallelismOf(value: string): unknown {
  return /^-?\d+$/.test(value.trim()) ? Number(value) : value;
}

function checkSuite(opts: K6OperatorOptions, parallelism: unknown): string {
  // Every scenario is a suite's bundle (this module does not load the runner's, which loads the tenant).
  const suites = scenarioEntryPoints().map((file) => path.basename(file, '.ts'));
  if (!suites.includes(opts.suite))
    throw new UsageError(`--suite: "${opts.suite}" is not one of ${suites.join(', ')}.`);
  const suite = opts.suite;
  // Those suites run one VU: more runners would sit idle, and rate-limit buckets are the tenant's, not a runner's.
  if (suite !== 'load' && typeof parallelism === 'number' && parallelism > 1)
    throw new UsageError(`--parallelism ${parallelism}: the ${suite} suite runs one VU; give it --parallelism 1.`);
  if (suite !== 'conformance' && !opts.iHavePermission)
    throw new UsageError(
      `--i-have-permission: the ${suite} suite sends load from the cluster to the tenant.\n${LOAD_POLICY_NOTICE}`,
    );
  if (!['auth0', 'oidc'].includes(opts.profile))
    throw new UsageError(`--profile: "${opts.profile}" is not one of auth0, oidc.`);
  if (!QUANTITY.test(opts.resultsSize))
    throw new UsageError(`--results-size: "${opts.resultsSize}" is not a Kubernetes quantity such as 1Gi or 500Mi.`);
  return suite;
}

/** The suite's settings for each runner, with the runner count and its share of the request ceiling. */
function runnerEnvironment(suite: string, opts: K6OperatorOptions, parallelism: unknown): Record<string, string> {
  const env = suiteEnvironment(suite, opts, false);
  return splitEnvironment(env, typeof parallelism === 'number' ? parallelism : 1, 'lower --parallelism');
}

function prometheusOf(opts: K6OperatorOptions): TestRunPlan['prometheus'] {
  if (opts.prometheusRwUrl === undefined) {
    if (opts.prometheusNativeHistograms)
      throw new UsageError('--prometheus-native-histograms: give the endpoint too, with --prometheus-rw-url.');
    return undefined;
  }
  try {
    remoteWriteConfig({ K6_PROMETHEUS_RW_SERVER_URL: opts.prometheusRwUrl });
  } catch (error) {
    if (error instanceof RemoteWriteConfigError) throw new UsageError(`--prometheus-rw-url: ${error.message}.`);
    throw error;
  }
  return { url: opts.prometheusRwUrl, nativeHistograms: !!opts.prometheusNativeHistograms };
}

async function harnessConfigJson(opts: K6OperatorOptions): Promise<string> {
  if (!opts.config && !hasEnvConfig(process.env))
    throw new UsageError(
      '--config: the runners need a harness configuration (a JSON file, or AUTH0_HARNESS_* variables) with the tenant, its clients and secrets (see README, "Pointing it at a real tenant").',
    );
  const baseUrl = opts.target === undefined ? undefined : (parseTarget(opts.target) as { baseUrl?: string }).baseUrl;
  if (opts.target !== undefined && !baseUrl)
    throw new UsageError('--target: give the base URL of the tenant the runners will reach, not "local".');
  return JSON.stringify(
    await resolveHarnessConfig({ file: opts.config, env: process.env, flags: { baseUrl, profile: opts.profile } }),
  );
}

function refuseProblems(manifest: unknown, plan: TestRunPlan): void {
  const problems = testRunProblems(manifest);
  if (problems.length === 0) return;
  const lines = problems.map(({ field, message, rule }) => {
    const flag = FLAG_OF_FIELD[field];
    const given = flag === '--parallelism' ? plan.parallelism : flag === '--name' ? plan.name : undefined;
    return flag
      ? `${flag} ${JSON.stringify(given)}: ${field} ${message} (${rule}).`
      : `${field} ${message} (${rule}); the harness built this field, please report it as a bug.`;
  });
  throw new UsageError(
    lines.length === 1 ? lines[0] : `the TestRun is invalid:\n${lines.map((l) => `  - ${l}`).join('\n')}`,
  );
}

function writeYaml(dir: string, file: string, object: unknown, mode = 0o644): string {
  const target = path.join(dir, file);
  writeFileSync(target, stringify(object, { lineWidth: 0, aliasDuplicateObjects: false }), { mode });
  // An existing file keeps its mode through writeFileSync.
  chmodSync(target, mode);
  return target;
}

/** `auth0-harness k6-operator`: validates everything, then writes the manifests; returns the exit status. */
export async function k6OperatorCommand(opts: K6OperatorOptions): Promise<number> {
  const parallelism = parallelismOf(opts.parallelism);
  const suite = checkSuite(opts, parallelism);
  const name = opts.name ?? `auth0-${suite}`;
  const scriptFile = `${suite}.js`;
  const plan: TestRunPlan = {
    name,
    parallelism,
    scriptFile,
    image: opts.image,
    suiteEnv: runnerEnvironment(suite, opts, parallelism),
    prometheus: prometheusOf(opts),
  };
  const testRun = testRunManifest(plan);
  refuseProblems(testRun, plan);
  const configJson = await harnessConfigJson(opts);

  await buildBundles({ entryPoints: [path.join(root, 'scenarios', `${suite}.ts`)], outdir: path.join(root, 'dist') });
  const bundle = readFileSync(path.join(root, 'dist', scriptFile), 'utf8');
  const { source, minified } = await scriptForConfigMap(bundle, scriptFile);
  const runners = parallelism as number;
  const names = resourceNames(name);

  mkdirSync(opts.outDir, { recursive: true });
  const files = [
    writeYaml(opts.outDir, 'configmap.yaml', scriptConfigMap(name, scriptFile, source)),
    writeYaml(
      opts.outDir,
      'results-pvc.yaml',
      resultsVolumeClaim(name, {
        size: opts.resultsSize,
        storageClass: opts.storageClass,
        accessMode: runners > 1 ? 'ReadWriteMany' : 'ReadWriteOnce',
      }),
    ),
    writeYaml(opts.outDir, 'secret.yaml', harnessConfigSecret(name, configJson), 0o600),
    writeYaml(opts.outDir, 'testrun.yaml', testRun),
  ];
  process.stderr.write(
    `warning: ${files[2]} holds the harness configuration's secrets (base64 is an encoding, not encryption): keep it out of version control and delete it once applied.\n`,
  );
  process.stdout.write(
    [
      `k6-operator: TestRun ${name}, the ${suite} suite on ${runners} runner${runners > 1 ? 's' : ''} (${opts.image})`,
      `  ${files[0]}  ConfigMap ${names.script}: dist/${scriptFile}${minified ? ' without its whitespace (a ConfigMap holds at most 1 MiB)' : ''}`,
      `  ${files[1]}  PersistentVolumeClaim ${names.results} (${runners > 1 ? 'ReadWriteMany' : 'ReadWriteOnce'}, ${opts.resultsSize})`,
      `  ${files[2]}  Secret ${names.harnessConfig}: the harness configuration`,
      `  ${files[3]}  TestRun ${name}${plan.prometheus ? `, metrics to ${plan.prometheus.url}` : ''}`,
      `apply:   kubectl apply --server-side -f ${opts.outDir}`,
      `results: runner i writes ${name}-<i>/raw on ${names.results} (execution segment (i-1)/${runners}:i/${runners})`,
      '',
    ].join('\n'),
  );
  return 0;
}
