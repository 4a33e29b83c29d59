import type { Command } from 'commander';

// `auth0-harness k6-operator`'s flags. The command's modules (the bundler, YAML, the CRD's validator)
// load only when it runs.

export function addK6OperatorCommand(cli: Command, setExit: (code: number) => void): void {
  cli
    .command('k6-operator')
    .description("write a k6-operator TestRun and the objects it needs to run a suite's bundle on N runner pods")
    .requiredOption('--parallelism <n>', 'runner pods; each runs its execution segment of the test')
    .option('--suite <name>', 'conformance | load | ratelimit', 'load')
    .option('--name <name>', "the TestRun's name, prefix of its objects' names (default auth0-<suite>)")
    .option('--config <file>', 'harness configuration of the tenant (clients, secrets, users), put in a Secret')
    .option('--target <url>', "the tenant's base URL, over the configuration's baseUrl")
    .option('--profile <auth0|oidc>', 'auth0 (default) or the standards-only oidc subset', 'auth0')
    .option('--out-dir <dir>', 'where to write the manifests', 'out/k6-operator')
    .option('--image <image>', 'the k6 image of the runners (k6 >= 1.0; pin a tag)', 'grafana/k6:latest')
    .option('--prometheus-rw-url <url>', "every runner's metrics to this Prometheus remote-write endpoint")
    .option('--prometheus-native-histograms', 'write trends as native histograms (Prometheus needs them enabled)')
    .option('--results-size <quantity>', "the results volume's size", '1Gi')
    .option('--storage-class <name>', 'storage class of the results volume (one that offers ReadWriteMany for N > 1)')
    .option('--i-have-permission', "you hold Auth0's written approval to load-test this tenant", false)
    .option('--shape <name>', 'load: smoke | average | stress | spike | soak | breakpoint (default smoke)')
    .option('--rate <n>', 'load: iterations per second across all runners')
    .option('--duration <d>', 'load: length of the measured phase, e.g. 30s, 5m')
    .option('--mix <flow=weight,...>', 'load: the flows and their weights')
    .option(
      '--threshold <expr>',
      'load: [endpoint:]p95<500 | p99<1000 | error_rate<0.01 (repeatable)',
      (v: string, all: string[] = []) => [...all, v],
    )
    .option('--sample-every <n>', 'load: check one response in n for conformance (default 20)')
    .option('--no-connection-reuse', 'load: open a new connection for every request')
    .option('--signup-users <n>', 'load: sign up n users in setup for the per-VU pool')
    .option('--max-vus <n>', 'load: VU cap of each arrival-rate scenario, across all runners (default 200)')
    .option('--max-rps <n>', 'load/ratelimit: request-rate ceiling across all runners (default 50)')
    .option('--plan <free|essentials|enterprise>', 'ratelimit: the plan whose published limits the tenant is held to')
    .option('--only <buckets>', 'ratelimit: drive only these buckets (comma-separated ids)')
    .action(async (o) => setExit(await (await import('./k6-operator-command.ts')).k6OperatorCommand(o)));
}
