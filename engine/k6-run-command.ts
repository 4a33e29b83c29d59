import { Command, CommanderError } from 'commander';
import { EXIT, runTest } from './run-test.ts';

const collect = (value: string, previous: string[]) => [...previous, value];

/** `k6 run [flags] <script>`, mirroring k6's flags; returns k6's exit code. */
export async function k6RunCommand(argv: string[]): Promise<number> {
  const cmd = new Command('run')
    .argument('<script>')
    .option('-u, --vus <n>', 'number of virtual users', (v) => Number(v))
    .option('-d, --duration <duration>', 'test duration, e.g. 30s')
    .option('-i, --iterations <n>', 'script total iteration limit', (v) => Number(v))
    .option('-e, --env <K=V>', 'add an environment variable to __ENV', collect, [])
    .option('--no-thresholds', "don't run thresholds")
    .option('--no-summary', "don't show the summary at the end of the test")
    .option('--summary-export <file>', 'output the end-of-test summary report to a JSON file')
    .option('--log-format <format>', 'log output format: text or json', 'text')
    .option('-q, --quiet', 'disable the progress updates')
    .exitOverride();
  try {
    cmd.parse(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError && error.exitCode === 0) return EXIT.ok;
    return EXIT.invalidConfig;
  }
  const o = cmd.opts();
  const env: Record<string, string> = {};
  for (const pair of o.env as string[]) {
    const eq = pair.indexOf('=');
    if (eq < 1) {
      process.stderr.write(`--env ${pair}: expected KEY=VALUE\n`);
      return EXIT.invalidConfig;
    }
    env[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  const overrides: Record<string, unknown> = {};
  if (o.vus) overrides.vus = o.vus;
  if (o.duration) overrides.duration = o.duration;
  if (o.iterations) overrides.iterations = o.iterations;
  return runTest({
    script: cmd.args[0],
    env,
    overrides,
    noThresholds: o.thresholds === false,
    noSummary: o.summary === false,
    summaryExport: o.summaryExport,
    logFormat: o.logFormat === 'json' ? 'json' : 'text',
    quiet: !!o.quiet,
  });
}
