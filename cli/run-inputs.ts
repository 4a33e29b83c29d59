import { accessSync, constants, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { HarnessConfig } from '../lib/k6-and-node/harness-config.ts';
import type { ExpectedFailure } from '../lib/k6-and-node/expected-failures.ts';
import type { Tolerances } from '../reports/baseline-compare.ts';
import { parseTolerances, readSummaryFile } from './baseline-command.ts';
import { readExpectedFailuresFile } from './expected-failures-file.ts';
import { hasEnvConfig } from './harness-config-env.ts';
import { resolveHarnessConfig } from './harness-config-sources.ts';
import { readJsonFile } from './read-json-file.ts';
import type { Target } from './target.ts';
import { UsageError } from './usage-error.ts';

// Every file and flag `run` reads, checked before it touches --out or starts anything: a bad input
// costs a second and one sentence, never a run or the previous run's results.

export interface RunInputFlags {
  out: string;
  config?: string;
  profile?: string;
  baseline?: string;
  tolerance?: string[];
  expectedFailures?: string;
}

export interface RunInputs {
  /** The remote target's configuration; the local tenant's is made when it starts. */
  config?: HarnessConfig;
  expectedFailures?: ExpectedFailure[];
  tolerances: Tolerances;
}

const BASELINE_FILE = {
  flag: '--baseline',
  what: 'a summary.json written by `auth0-harness run` (or saved by `baseline save`)',
};

function refuseConfigForLocalTarget(file: string): never {
  let hint = '';
  try {
    const json = readJsonFile(file, { flag: '--config', what: 'a harness configuration JSON file' });
    if (typeof json === 'object' && json !== null && 'applications' in json)
      hint = ' (this file looks like a tenant fixture: give it to `auth0-harness tenant --config`)';
    else if (typeof json === 'object' && json !== null && 'baseUrl' in json && typeof json.baseUrl === 'string')
      hint = ` (this file is for ${json.baseUrl}: add --target ${json.baseUrl})`;
  } catch {
    // The refusal stands whatever the file holds; its own problems are for when it is used.
  }
  throw new UsageError(
    `--config: a harness configuration is for a tenant named with --target <url>, and --target is local, whose tenant the harness configures itself${hint}. ` +
      'To run against the local tenant with your own fixture, start `auth0-harness tenant --config <fixture> --write-harness-config <file>` and pass --target <its URL> --config <file>.',
  );
}

function checkOutFolder(out: string): void {
  // The folder, or the nearest folder above it that exists, which the run will create it in.
  let existing = path.resolve(out);
  while (!existsSync(existing)) existing = path.dirname(existing);
  if (!statSync(existing).isDirectory())
    throw new UsageError(`--out: ${existing} is a file; give a folder for the run's outputs.`);
  try {
    accessSync(existing, constants.W_OK);
  } catch {
    throw new UsageError(`--out: ${existing} is not writable for this user; give a folder you can write to.`);
  }
}

/** Checks every input, and reports the problems of all of them at once. */
export async function checkRunInputs(flags: RunInputFlags, target: Target): Promise<RunInputs> {
  const refusals: string[] = [];
  const checked = async <T>(check: () => T | Promise<T>): Promise<T | undefined> => {
    try {
      return await check();
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      refusals.push(error.message);
      return undefined;
    }
  };
  await checked(() => checkOutFolder(flags.out));
  let config: HarnessConfig | undefined;
  if (target.kind === 'local') {
    if (flags.config) await checked(() => refuseConfigForLocalTarget(flags.config!));
    if (hasEnvConfig(process.env))
      process.stderr.write(
        'note: the AUTH0_HARNESS_* variables are not used with --target local (the local tenant configures the harness).\n',
      );
  } else {
    config = await checked(() =>
      resolveHarnessConfig({
        file: flags.config,
        env: process.env,
        flags: { baseUrl: target.baseUrl, profile: flags.profile },
      }),
    );
  }
  const tolerances = await checked(() => parseTolerances(flags.tolerance ?? []));
  if (flags.baseline)
    await checked(() => {
      // Whether the file can be read at all, then whether it is a summary (baseline-command.ts).
      readJsonFile(flags.baseline!, BASELINE_FILE);
      readSummaryFile(flags.baseline!, '--baseline');
    });
  const expectedFailures = flags.expectedFailures
    ? await checked(() => readExpectedFailuresFile(flags.expectedFailures!))
    : undefined;
  if (refusals.length > 0) throw new UsageError(refusals.join('\nerror: '));
  return { config, expectedFailures, tolerances: tolerances! };
}
