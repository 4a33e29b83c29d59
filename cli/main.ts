import { Command, CommanderError, Option } from 'commander';
import { harnessVersion } from '../reports/harness-version.ts';
import { addK6OperatorCommand } from './k6-operator-flags.ts';
import { EXIT_USAGE, UsageError } from './usage-error.ts';

// Each command loads its own modules when it runs: `k6 run`, which every suite starts as the engine's
// launcher and which then idles beside it, need not hold the tenant, the reports and their libraries
// (some 70 MB of resident memory).

const collect = (value: string, previous: string[]) => [...previous, value];

function program(setExit: (code: number) => void): Command {
  const cli = new Command('auth0-harness')
    .description('Conformance, load and rate-limit harness for the Auth0 Authentication API')
    .version(harnessVersion(), '-V, --version', 'print the harness version')
    .exitOverride()
    .showHelpAfterError();

  cli
    .command('run')
    .description('run a suite: conformance, load or ratelimit')
    .argument('<suite>', 'conformance | load | ratelimit')
    .option('--target <local|url>', 'local (start the local tenant) or the base URL of a tenant', 'local')
    .option('--engine <auto|local|k6>', 'k6 when found on PATH, else the local engine', 'auto')
    .option('--out <dir>', 'output folder', 'out')
    .option('--profile <auth0|oidc>', "auth0 or the standards-only oidc subset (default: --config's, else auth0)")
    .option('--config <file>', 'harness configuration for a remote target (clients, secrets, users)')
    .option('--baseline <file>', 'compare with a saved baseline and fail on a regression')
    .option(
      '--tolerance <metric=percent>',
      'regression tolerance for --baseline, per metric (p50, p95, p99, errorRate, rps; default 10)',
      collect,
      [],
    )
    .option(
      '--expected-failures <file>',
      'known failures (check id, endpoint, credential, reason) that do not fail the run',
    )
    .option('--i-have-permission', "you hold Auth0's written approval to load-test this tenant", false)
    .option('--shape <name>', 'load: smoke | average | stress | spike | soak | breakpoint (default smoke)')
    .option('--model <open|closed>', 'load: arrival-rate (open, default) or fixed VUs (closed)')
    .option('--rate <n>', 'load: iterations per second across all flows (VUs in the closed model)')
    .option('--duration <d>', 'load: length of the measured phase, e.g. 30s, 5m')
    .option('--mix <flow=weight,...>', 'load: the flows and their weights, e.g. client_credentials_post=3,userinfo=1')
    .option(
      '--threshold <expr>',
      'load: [endpoint:]p95<500 | p99<1000 | error_rate<0.01 (repeatable)',
      (v: string, all: string[] = []) => [...all, v],
    )
    .option('--sample-every <n>', 'load: check one response in n for conformance (default 20)')
    .option('--no-connection-reuse', 'load: open a new connection for every request')
    .option('--signup-users <n>', 'load: sign up n users in setup for the per-VU pool')
    .option('--max-vus <n>', 'load: VU cap of each arrival-rate scenario (default 200)')
    .option('--find-max', 'load: step the rate up and back down to the maximum sustainable rate per flow', false)
    .option('--max-rps <n>', `load/ratelimit: request-rate ceiling (default 50 for a target not on this machine)`)
    .option(
      '--plan <free|essentials|enterprise>',
      'ratelimit: the plan whose published limits a remote tenant is held to',
    )
    .option('--only <buckets>', 'ratelimit: drive only these buckets (comma-separated ids, e.g. token,userinfo)')
    .option('--quiet', 'no progress display and no status lines while the run goes', false)
    .option(
      '--segment <i/N>',
      "load: run runner i's share of a test split in N (k6's execution segment, as k6-operator gives it)",
    )
    .option(
      '--local-runners <n>',
      'load: split the test into n engine processes on this machine, one tenant, reports merged',
    )
    .action(async (suite: string, o) => setExit(await (await import('./run-suite.ts')).runSuite({ suite, ...o })));

  cli
    .command('tenant')
    .description('run the local tenant in the foreground until Ctrl-C')
    .option('--port <n>', 'port to listen on (0 = any free port)', '0')
    .option('--host <host>', 'loopback address to listen on', '127.0.0.1')
    .option('--issuer <url>', 'public base URL: the iss of every token and the base of discovery')
    .option('--config <file>', 'tenant fixture JSON (applications, APIs, users, rate limits)')
    .option(
      '--write-harness-config <file>',
      'write the harness configuration for this tenant (clients, secrets, keys, users)',
    )
    .option('--faults', 'enable fault injection through the control API (/__tenant/faults)', false)
    .option('--https [port]', 'also serve the mTLS endpoint aliases over HTTPS with client certificates (RFC 8705)')
    .option('--plan <free|essentials|enterprise>', "rate-limit plan preset (default: the fixture's, enterprise)")
    .action(async (o) => setExit(await (await import('./tenant-command.ts')).tenantCommand(o)));

  cli
    .command('report')
    .description('rebuild summary.json, JUnit, the latency page and the Allure report from <out>/raw, or merge runners')
    .option('--out <dir>', 'output folder of a run (with --merge: where the merged reports go)', 'out')
    .option('--merge <raw dirs...>', "merge the raw folders of a split run's runners into one report in --out")
    .option(
      '--k6-log <files...>',
      "take the findings from k6's log (--log-format json, or kubectl logs); with --merge, one per raw folder, in order",
    )
    .option('--config <file>', 'the harness configuration the run used (its secrets are scrubbed by value)')
    .option('--suite <name>', 'when k6 wrote raw/ itself (no run.json): the suite that ran')
    .option('--target <url>', 'when k6 wrote raw/ itself: the tenant it ran against')
    .option('--engine <text>', 'when k6 wrote raw/ itself: how it ran, e.g. "k6 v1.2.0 (k6-operator, 4 runners)"')
    .option('--profile <auth0|oidc>', 'when k6 wrote raw/ itself: the profile it ran with')
    .action(async (o) => setExit(await (await import('./report-command.ts')).reportCommand(o)));

  cli
    .command('checks')
    .description('list every check: id, severity, reference, title and the file that defines it')
    .argument('[filter]', 'only the checks whose id contains this text')
    .addOption(new Option('--json', 'as JSON: {"checks": [{id, severity, ref, title, source}]}').conflicts('markdown'))
    .addOption(new Option('--markdown', 'as the docs/checks.md page'))
    .action(async (filter: string | undefined, o) =>
      setExit((await import('./checks-command.ts')).checksCommand(filter, o)),
    );

  addK6OperatorCommand(cli, setExit);

  const baseline = cli.command('baseline').description('keep a run as a baseline, or compare two runs');
  baseline
    .command('save')
    .description("keep a run's summary.json as a baseline")
    .option('--from <file>', 'summary.json of the run to keep', 'out/summary.json')
    .option('--to <file>', 'where to keep it (default baselines/<suite>[-<load shape>].json)')
    .action(async (o) => setExit((await import('./baseline-command.ts')).baselineSave(o)));
  baseline
    .command('compare')
    .description('compare two runs per endpoint; exit 1 when a metric regressed past its tolerance')
    .argument('<old>', 'the baseline summary.json')
    .argument('<new>', 'the summary.json of the run to judge')
    .option('--tolerance <metric=percent>', 'per metric (p50, p95, p99, errorRate, rps); default 10', collect, [])
    .action(async (oldFile: string, newFile: string, o) =>
      setExit((await import('./baseline-command.ts')).baselineCompare(oldFile, newFile, o)),
    );

  cli
    .command('build')
    .description('bundle scenarios/*.ts into dist/*.js for k6')
    .action(async () => {
      const { buildBundles } = await import('../build.mjs');
      await buildBundles();
      setExit(0);
    });

  const k6 = cli.command('k6').description('the local engine, mirroring the k6 CLI');
  k6.command('run')
    .description('run a k6 script (same flags as `k6 run`)')
    .allowUnknownOption()
    .helpOption(false)
    .argument('[args...]')
    .action(async (args: string[]) =>
      setExit(await (await import('../engine/engine-process.ts')).runEngineProcess(args)),
    );
  return cli;
}

/**
 * A reader that closed the pipe (`auth0-harness checks | head`) ends what the terminal shows, not the
 * command: a run still writes its reports. Writes to the closed pipe are dropped instead of ending the
 * process with a stack trace.
 */
function ignoreClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
  });
}

/** Runs the CLI and returns the exit status; usage errors print one sentence, no stack. */
export async function main(argv: string[]): Promise<number> {
  ignoreClosedPipe(process.stdout);
  ignoreClosedPipe(process.stderr);
  let code = 0;
  try {
    await program((c) => (code = c)).parseAsync(argv, { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : EXIT_USAGE;
    if (error instanceof UsageError) {
      process.stderr.write(`error: ${error.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
}
