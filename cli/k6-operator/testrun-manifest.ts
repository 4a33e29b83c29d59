import { RAW_METRICS_FILE } from '../../reports/raw-results.ts';
import { PROMETHEUS_RW_OUTPUT } from '../../engine/output/prometheus-remote-write-config.ts';

// The TestRun for k6-operator: N runner pods, each a plain `k6 run` of the bundle with its execution
// segment. What a runner needs beside the script reaches it as volumes: the harness configuration from
// a Secret, and a per-runner folder of one results volume for what the bundle writes as HARNESS_OUT.

const TESTRUN_API_VERSION = 'k6.io/v1alpha1';
/** The key of the harness configuration in its Secret, and so its file name in the runner. */
export const HARNESS_CONFIG_KEY = 'harness.json';
const CONFIG_DIR = '/etc/auth0-harness';
const RESULTS_DIR = '/results';
// A runner's job name, `<testrun>-<i>`, the name of its folder on the results volume. Runner i runs
// execution segment (i-1)/N:i/N, so the folders name the segments. The pod's hostname is the same, but
// only labels reach the downward API: the Job controller labels each pod with its job's name.
const RUNNER_VARIABLE = 'AUTH0_HARNESS_RUNNER';
// grafana/k6 runs as the k6 user (uid and gid 12345): as the pods' fsGroup, the results volume is
// writable by it.
const K6_IMAGE_GROUP = 12345;
/**
 * k6's remote-write output, set for N runners writing to one Prometheus: p95 and p99 per series as the
 * dashboard (dashboards/auth0-harness.json) reads them, and stale markers so that each series ends with
 * its runner.
 */
export const PROMETHEUS_TREND_STATS = 'p(95),p(99),avg,max';

/** The names of the TestRun's objects, all derived from its name. */
export function resourceNames(name: string) {
  return {
    testRun: name,
    script: `${name}-script`,
    harnessConfig: `${name}-harness-config`,
    results: `${name}-results`,
  };
}

/** The labels every object of one TestRun carries (`kubectl delete … -l app.kubernetes.io/instance=<name>`). */
export function harnessLabels(name: string): Record<string, string> {
  return { 'app.kubernetes.io/part-of': 'auth0-harness', 'app.kubernetes.io/instance': name };
}

export interface TestRunPlan {
  name: string;
  /** As given: the CRD's schema judges it. */
  parallelism: unknown;
  /** The bundle's key in the script ConfigMap, e.g. `load.js`. */
  scriptFile: string;
  image: string;
  /** The suite's settings (HARNESS_LOAD_*, HARNESS_MAX_RPS…), as environment variables of every k6. */
  suiteEnv: Record<string, string>;
  prometheus?: { url: string; nativeHistograms: boolean };
}

const plainEnv = (env: Record<string, string>) => Object.entries(env).map(([name, value]) => ({ name, value }));

function prometheusEnv(prometheus: NonNullable<TestRunPlan['prometheus']>): Record<string, string> {
  return {
    K6_PROMETHEUS_RW_SERVER_URL: prometheus.url,
    ...(prometheus.nativeHistograms
      ? { K6_PROMETHEUS_RW_TREND_AS_NATIVE_HISTOGRAM: 'true' }
      : { K6_PROMETHEUS_RW_TREND_STATS: PROMETHEUS_TREND_STATS }),
    K6_PROMETHEUS_RW_STALE_MARKERS: 'true',
  };
}

/**
 * k6's arguments as one string, which the operator splits on whitespace (every k6-operator release reads
 * `arguments`; `args` is 1.6's). None has a space: the suite's settings, whose values may, go as
 * environment variables instead (k6 puts the system environment in __ENV).
 */
function k6Arguments(plan: TestRunPlan): string {
  return [
    '--log-format json',
    `--tag testid=${plan.name}`,
    `-e HARNESS_CONFIG_FILE=${CONFIG_DIR}/${HARNESS_CONFIG_KEY}`,
    `-e HARNESS_OUT=${RESULTS_DIR}`,
    `--out json=${RESULTS_DIR}/${RAW_METRICS_FILE}`,
    ...(plan.prometheus ? [`--out ${PROMETHEUS_RW_OUTPUT}`] : []),
  ].join(' ');
}

export function testRunManifest(plan: TestRunPlan) {
  const names = resourceNames(plan.name);
  const configVolume = () => ({ name: 'harness-config', secret: { secretName: names.harnessConfig } });
  const configMount = () => ({ name: 'harness-config', mountPath: CONFIG_DIR, readOnly: true });
  return {
    apiVersion: TESTRUN_API_VERSION,
    kind: 'TestRun',
    metadata: { name: names.testRun, labels: harnessLabels(plan.name) },
    spec: {
      parallelism: plan.parallelism,
      script: { configMap: { name: names.script, file: plan.scriptFile } },
      arguments: k6Arguments(plan),
      runner: {
        image: plan.image,
        metadata: { labels: harnessLabels(plan.name) },
        env: [
          { name: RUNNER_VARIABLE, valueFrom: { fieldRef: { fieldPath: "metadata.labels['job-name']" } } },
          ...plainEnv(plan.suiteEnv),
          ...(plan.prometheus ? plainEnv(prometheusEnv(plan.prometheus)) : []),
        ],
        securityContext: { fsGroup: K6_IMAGE_GROUP },
        volumes: [configVolume(), { name: 'results', persistentVolumeClaim: { claimName: names.results } }],
        volumeMounts: [
          configMount(),
          // The kubelet creates the runner's folder: k6 writes into folders, it does not make them.
          { name: 'results', mountPath: RESULTS_DIR, subPathExpr: `$(${RUNNER_VARIABLE})/raw` },
        ],
      },
      // The initializer evaluates the script's options (`k6 inspect`), so it reads the configuration and
      // the suite's settings too; it writes no results.
      initializer: {
        image: plan.image,
        metadata: { labels: harnessLabels(plan.name) },
        env: plainEnv(plan.suiteEnv),
        volumes: [configVolume()],
        volumeMounts: [configMount()],
      },
    },
  };
}
