import { Command, CommanderError, Option } from 'commander';
import { EXIT } from './exit-codes.ts';
import type { CliOverrides } from './options.ts';
import {
  PROMETHEUS_RW_OUTPUT,
  remoteWriteConfig,
  RemoteWriteConfigError,
  type RemoteWriteConfig,
} from './output/prometheus-remote-write-config.ts';
import { runTest } from './run-test.ts';
import { parseExecutionSegment, SegmentError } from './segments/execution-segment.ts';
import { SEGMENT_FORMS } from './segments/execution-tuple.ts';
import { parseSegmentSequence, sequenceString } from './segments/segment-sequence.ts';

const collect = (value: string, previous: string[]) => [...previous, value];

function keyValues(pairs: string[], flag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq < 1) throw new UsageProblem(`${flag} ${pair}: expected KEY=VALUE`);
    out[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return out;
}

class UsageProblem extends Error {}

/** A segment flag's value, checked (k6 refuses a malformed one before it runs anything) and written as k6 writes it. */
function segmentFlag(flag: string, value: string | undefined, form: string, parse: (text: string) => string) {
  if (value === undefined) return undefined;
  try {
    return parse(value);
  } catch (error) {
    if (error instanceof SegmentError) throw new UsageProblem(`${flag} ${value}: ${error.message}; ${form}`);
    throw error;
  }
}

function wholeNumber(flag: string) {
  return (v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new UsageProblem(`${flag} ${v}: expected a whole number`);
    return n;
  };
}

/** `k6 run [flags] <script>`, mirroring k6's flags; returns k6's exit code. */
export async function k6RunCommand(argv: string[]): Promise<number> {
  const cmd = new Command('k6 run')
    .argument('<script>', 'the k6 script (e.g. dist/load.js)')
    .option('-u, --vus <n>', 'number of virtual users', wholeNumber('--vus'))
    .option('-d, --duration <duration>', 'test duration, e.g. 30s')
    .option('-i, --iterations <n>', 'script total iteration limit', wholeNumber('--iterations'))
    .option('-s, --stage <duration:target>', 'add a stage, e.g. 30s:10 (repeatable)', collect, [])
    .option('-e, --env <K=V>', 'add an environment variable to __ENV (repeatable)', collect, [])
    .option('--include-system-env-vars', 'pass the real system environment variables to the runtime', true)
    .option('--no-include-system-env-vars', 'do not pass the system environment to __ENV')
    .option('--tag <K=V>', 'add a tag to every metric sample (repeatable)', collect, [])
    .option('--execution-segment <segment>', 'limit execution to the specified segment, e.g. 10%, 1/3, 0.2:2/3')
    .option('--execution-segment-sequence <points>', 'the execution segment sequence, e.g. 0,1/3,2/3,1')
    .option('-o, --out <type=target>', 'output metrics: json=<file>[.gz] or experimental-prometheus-rw', collect, [])
    .option('--summary-export <file>', 'output the end-of-test summary report to a JSON file')
    .option('-w, --throw', 'throw warnings (like failed http requests) as errors')
    .option('--no-thresholds', "don't run thresholds")
    .option('--no-summary', "don't show the summary at the end of the test")
    .addOption(new Option('--log-format <format>', 'log output format').choices(['text', 'json']).default('text'))
    .option('-q, --quiet', 'disable the progress updates')
    .option(
      '--threads <n|auto>',
      'engine only: threads sharing the VUs of a script that does not block (auto: 2 from 100 VUs on 4 cores or more)',
      'auto',
    )
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  let overrides: CliOverrides;
  let env: Record<string, string>;
  let jsonOut: string[];
  let prometheusRemoteWrite: RemoteWriteConfig | undefined;
  try {
    cmd.parse(argv, { from: 'user' });
    const o = cmd.opts();
    env = keyValues(o.env, '--env');
    const tags = keyValues(o.tag, '--tag');
    const outs = (o.out as string[]).filter((out) => out !== PROMETHEUS_RW_OUTPUT);
    // As in k6, the remote-write output reads its settings from the process environment.
    if (outs.length < o.out.length) prometheusRemoteWrite = remoteWriteConfig(process.env);
    jsonOut = outs.map((out) => {
      const m = /^json=(.+)$/.exec(out);
      if (!m)
        throw new UsageProblem(
          `--out ${out}: the local engine writes json=<file>[.gz] and ${PROMETHEUS_RW_OUTPUT} only`,
        );
      return m[1];
    });
    const stages = (o.stage as string[]).map((s) => {
      const m = /^([^:]+):(\d+)$/.exec(s);
      if (!m) throw new UsageProblem(`--stage ${s}: expected duration:target, e.g. 30s:10`);
      return { duration: m[1], target: Number(m[2]) };
    });
    const threads = o.threads === 'auto' ? 'auto' : wholeNumber('--threads')(o.threads);
    overrides = {
      vus: o.vus,
      duration: o.duration,
      iterations: o.iterations,
      stages: stages.length ? stages : undefined,
      tags: Object.keys(tags).length ? tags : undefined,
      throw: o.throw === true ? true : undefined,
      executionSegment: segmentFlag(
        '--execution-segment',
        o.executionSegment,
        SEGMENT_FORMS.executionSegment,
        (text) => `${parseExecutionSegment(text)}`,
      ),
      executionSegmentSequence: segmentFlag(
        '--execution-segment-sequence',
        o.executionSegmentSequence,
        SEGMENT_FORMS.executionSegmentSequence,
        (text) => sequenceString(parseSegmentSequence(text)),
      ),
    };
    return await runTest({
      script: cmd.args[0],
      env,
      overrides,
      noThresholds: o.thresholds === false,
      noSummary: o.summary === false,
      summaryExport: o.summaryExport,
      jsonOut,
      prometheusRemoteWrite,
      logFormat: o.logFormat,
      quiet: !!o.quiet,
      includeSystemEnv: o.includeSystemEnvVars !== false,
      threads,
    });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.invalidConfig;
    if (error instanceof UsageProblem || error instanceof RemoteWriteConfigError) {
      process.stderr.write(`error: ${error.message}\n`);
      return EXIT.invalidConfig;
    }
    throw error;
  }
}
