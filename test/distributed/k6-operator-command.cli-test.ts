import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { testRunManifest } from '../../cli/k6-operator/testrun-manifest.ts';
import { CONFIGMAP_LIMIT_BYTES, scriptForConfigMap } from '../../cli/k6-operator/testrun-resources.ts';
import { testRunProblems } from '../../cli/k6-operator/testrun-schema.ts';
import { repoRoot, runCli, type CliResult } from '../support/run-cli.ts';

// A harness configuration for a tenant the cluster reaches; its secrets must reach the Secret only.
const CLIENT_SECRET = 'client-secret-4f9a1c7e2b';
const PASSWORD = 'user-password-8d3e6b1a0c';
const HARNESS_CONFIG = {
  baseUrl: 'https://tenant.example.com',
  audience: 'https://api.example.com/',
  clients: { client_secret_post: { clientId: 'load-client', clientSecret: CLIENT_SECRET } },
  users: { plain: { username: 'qa@example.com', password: PASSWORD } },
};

interface Written {
  result: CliResult;
  dir: string;
  read(file: string): any;
}

const work = mkdtempSync(path.join(os.tmpdir(), 'k6-operator-test-'));
const configFile = path.join(work, 'harness.json');
writeFileSync(configFile, JSON.stringify(HARNESS_CONFIG));

async function k6Operator(outDir: string, ...flags: string[]): Promise<Written> {
  const dir = path.join(work, outDir);
  const result = await runCli(['k6-operator', '--config', configFile, '--out-dir', dir, ...flags]);
  return { result, dir, read: (file) => parse(readFileSync(path.join(dir, file), 'utf8')) };
}

const envOf = (container: any) => Object.fromEntries(container.env.map((e: any) => [e.name, e.value ?? e.valueFrom]));

describe('auth0-harness k6-operator', () => {
  const runs = new Map<number, Written>();
  before(async () => {
    for (const n of [1, 4, 16]) {
      const flags = ['--parallelism', String(n), '--i-have-permission', '--name', `auth0-load-${n}`];
      if (n === 4) flags.push('--prometheus-rw-url', 'http://prometheus.monitoring:9090/api/v1/write');
      const run = await k6Operator(`n${n}`, ...flags);
      assert.equal(run.result.code, 0, run.result.stderr);
      runs.set(n, run);
    }
  });

  it("writes a TestRun that k6-operator's CRD schema accepts, for 1, 4 and 16 runners", () => {
    for (const [n, run] of runs) {
      const testRun = run.read('testrun.yaml');
      assert.equal(testRun.apiVersion, 'k6.io/v1alpha1');
      assert.equal(testRun.kind, 'TestRun');
      assert.equal(testRun.spec.parallelism, n);
      assert.deepEqual(testRunProblems(testRun), [], `parallelism ${n}`);
      assert.equal(
        run.read('results-pvc.yaml').spec.accessModes[0],
        n > 1 ? 'ReadWriteMany' : 'ReadWriteOnce',
        'runners on several nodes share the results volume',
      );
    }
  });

  it('puts exactly the bundle in the ConfigMap the TestRun runs', () => {
    const run = runs.get(4) as Written;
    const testRun = run.read('testrun.yaml');
    const configMap = run.read('configmap.yaml');
    assert.equal(configMap.metadata.name, testRun.spec.script.configMap.name);
    assert.deepEqual(Object.keys(configMap.data), [testRun.spec.script.configMap.file]);
    assert.equal(configMap.data['load.js'], readFileSync(path.join(repoRoot, 'dist', 'load.js'), 'utf8'));
  });

  it('keeps the harness configuration in a Secret (base64 data, file mode 0600) that never reaches the terminal', () => {
    const run = runs.get(4) as Written;
    const secret = run.read('secret.yaml');
    assert.equal(secret.kind, 'Secret');
    const config = JSON.parse(Buffer.from(secret.data['harness.json'], 'base64').toString());
    assert.equal(config.clients.client_secret_post.clientSecret, CLIENT_SECRET);
    assert.equal(config.users.plain.password, PASSWORD);
    assert.equal(statSync(path.join(run.dir, 'secret.yaml')).mode & 0o777, 0o600);
    const terminal = run.result.stdout + run.result.stderr;
    for (const secretText of [CLIENT_SECRET, PASSWORD, secret.data['harness.json']])
      assert.ok(!terminal.includes(secretText), 'a secret reached the terminal');
    assert.match(run.result.stderr, /warning: .*secret\.yaml holds the harness configuration's secrets/);
  });

  it('mounts the Secret as HARNESS_CONFIG_FILE for runners and initializer, and gives each runner its own results folder', () => {
    const { spec } = (runs.get(4) as Written).read('testrun.yaml');
    const secretName = `auth0-load-4-harness-config`;
    assert.match(spec.arguments, /-e HARNESS_CONFIG_FILE=\/etc\/auth0-harness\/harness\.json/);
    for (const pod of [spec.runner, spec.initializer]) {
      const volume = pod.volumes.find((v: any) => v.secret?.secretName === secretName);
      const mount = pod.volumeMounts.find((m: any) => m.name === volume.name);
      assert.equal(mount.mountPath, '/etc/auth0-harness');
    }
    // Runner i's job is <testrun>-i, which runs execution segment (i-1)/N:i/N: its folder says which.
    assert.deepEqual(envOf(spec.runner).AUTH0_HARNESS_RUNNER, {
      fieldRef: { fieldPath: "metadata.labels['job-name']" },
    });
    const results = spec.runner.volumes.find((v: any) => v.persistentVolumeClaim);
    assert.equal(results.persistentVolumeClaim.claimName, 'auth0-load-4-results');
    const mount = spec.runner.volumeMounts.find((m: any) => m.name === results.name);
    assert.equal(mount.subPathExpr, '$(AUTH0_HARNESS_RUNNER)/raw');
    assert.match(spec.arguments, new RegExp(`-e HARNESS_OUT=${mount.mountPath}( |$)`));
    assert.match(spec.arguments, new RegExp(`--out json=${mount.mountPath}/metrics.ndjson.gz`));
  });

  it("sends every runner's metrics to one Prometheus with k6's remote-write output when asked", () => {
    const with4 = (runs.get(4) as Written).read('testrun.yaml').spec;
    assert.match(with4.arguments, /--out experimental-prometheus-rw( |$)/);
    const env = envOf(with4.runner);
    assert.equal(env.K6_PROMETHEUS_RW_SERVER_URL, 'http://prometheus.monitoring:9090/api/v1/write');
    assert.deepEqual(env.K6_PROMETHEUS_RW_TREND_STATS.split(',').slice(0, 2), ['p(95)', 'p(99)']);
    const without = (runs.get(16) as Written).read('testrun.yaml').spec;
    assert.doesNotMatch(without.arguments, /prometheus/);
  });

  it('shares the request ceiling among the runners, since each k6 applies its rps on its own', () => {
    assert.equal(envOf((runs.get(1) as Written).read('testrun.yaml').spec.runner).HARNESS_MAX_RPS, '50');
    assert.equal(envOf((runs.get(4) as Written).read('testrun.yaml').spec.runner).HARNESS_MAX_RPS, '12');
    assert.equal(envOf((runs.get(16) as Written).read('testrun.yaml').spec.runner).HARNESS_MAX_RPS, '3');
  });

  it("refuses a negative parallelism with the schema's message, exit 2, and writes nothing", async () => {
    const run = await k6Operator('negative', '--parallelism', '-3', '--i-have-permission');
    assert.equal(run.result.code, 2);
    assert.equal(
      run.result.stderr,
      "error: --parallelism -3: spec.parallelism must be >= 1 (auth0-harness: a TestRun of fewer than one runner runs nothing, though k6-operator's CRD allows it).\n",
    );
    assert.equal(existsSync(run.dir), false);
  });

  it("refuses a parallelism of the wrong type with the CRD's message", async () => {
    const run = await k6Operator('wrong-type', '--parallelism', 'four', '--i-have-permission');
    assert.equal(run.result.code, 2);
    assert.equal(
      run.result.stderr,
      `error: --parallelism "four": spec.parallelism must be integer (k6-operator's TestRun schema).\n`,
    );
    assert.equal(existsSync(run.dir), false);
  });

  it('refuses to write a load test of a tenant without --i-have-permission', async () => {
    const run = await k6Operator('no-permission', '--parallelism', '2');
    assert.equal(run.result.code, 2);
    assert.match(run.result.stderr, /--i-have-permission: the load suite sends load from the cluster/);
    assert.equal(existsSync(run.dir), false);
  });
});

describe("TestRun validation against k6-operator's CRD", () => {
  const CRD = "k6-operator's TestRun schema";
  const valid = (): any =>
    testRunManifest({
      name: 'auth0-load',
      parallelism: 4,
      scriptFile: 'load.js',
      image: 'grafana/k6:1.2.0',
      suiteEnv: { HARNESS_LOAD_RATE: '8' },
    });

  it('refuses a value of the wrong type, naming the field as kubectl does', () => {
    const testRun = valid();
    testRun.spec.runner.volumeMounts[0].readOnly = 'yes';
    assert.deepEqual(testRunProblems(testRun), [
      { field: 'spec.runner.volumeMounts[0].readOnly', message: 'must be boolean', rule: CRD },
    ]);
  });

  it('refuses a parallelism beyond int32, as the API server would', () => {
    const testRun = valid();
    testRun.spec.parallelism = 2 ** 31;
    assert.deepEqual(testRunProblems(testRun), [
      { field: 'spec.parallelism', message: 'must match format "int32"', rule: CRD },
    ]);
  });

  it("refuses a name the operator's job names could not carry, saying why", () => {
    const testRun = valid();
    testRun.metadata.name = 'Auth0_Load';
    const [problem] = testRunProblems(testRun);
    assert.equal(problem.field, 'metadata.name');
    assert.match(problem.message, /must match pattern/);
    assert.match(problem.rule, /^auth0-harness: the operator names its jobs <name>-initializer and <name>-<i>/);
  });

  it('refuses a field the CRD does not define, which Kubernetes would otherwise drop silently', () => {
    const testRun = valid();
    testRun.spec.paralelism = 2;
    assert.deepEqual(testRunProblems(testRun), [
      { field: 'spec.paralelism', message: 'is not a field of a TestRun', rule: CRD },
    ]);
  });

  it('reads x-kubernetes-list-type: map, refusing two items with the same key', () => {
    const testRun = valid();
    testRun.spec.runner.resources = { claims: [{ name: 'gpu' }, { name: 'gpu' }] };
    assert.deepEqual(testRunProblems(testRun), [
      { field: 'spec.runner.resources.claims', message: 'has a duplicate name ["gpu"]', rule: CRD },
    ]);
  });

  it('reads x-kubernetes-int-or-string: a port is a number or a name, nothing else', () => {
    const testRun = valid();
    testRun.spec.runner.readinessProbe = { httpGet: { port: 6565 } };
    assert.deepEqual(testRunProblems(testRun), []);
    testRun.spec.runner.readinessProbe = { httpGet: { port: 'http' } };
    assert.deepEqual(testRunProblems(testRun), []);
    testRun.spec.runner.readinessProbe = { httpGet: { port: true } };
    assert.equal(testRunProblems(testRun)[0].field, 'spec.runner.readinessProbe.httpGet.port');
  });
});

describe('the script ConfigMap', () => {
  it('holds a bundle that fits in 1 MiB as it is', async () => {
    const bundle = 'export default function () {\n  return 1;\n}\n';
    assert.deepEqual(await scriptForConfigMap(bundle, 'load.js'), { source: bundle, minified: false });
  });

  it('takes the whitespace out of a bundle over 1 MiB, keeping its code and names', async () => {
    const lines = Array.from({ length: 40_000 }, (_, i) => `    const value${i} = ${i};`);
    const bundle = `export default function () {\n${lines.join('\n')}\n}\n`;
    assert.ok(Buffer.byteLength(bundle) > CONFIGMAP_LIMIT_BYTES);
    const { source, minified } = await scriptForConfigMap(bundle, 'load.js');
    assert.equal(minified, true);
    assert.ok(Buffer.byteLength(source) <= CONFIGMAP_LIMIT_BYTES);
    assert.ok(source.includes('const value0=0;const value1=1;') && source.includes('const value39999=39999'));
  });

  it('refuses a bundle that does not fit even without whitespace, naming the alternative', async () => {
    const bundle = `export const data = "${'x'.repeat(CONFIGMAP_LIMIT_BYTES)}";\n`;
    await assert.rejects(
      scriptForConfigMap(bundle, 'load.js'),
      /put it on a volume and point spec\.script\.volumeClaim/,
    );
  });
});
