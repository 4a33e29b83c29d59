import { ConfigError, scenarioDefinitions } from './scenarios.ts';

/** What `k6 run` flags set, applied over the script's `export const options`. */
export interface CliOverrides {
  vus?: number;
  duration?: string;
  iterations?: number;
  stages?: { duration: string; target: number }[];
  tags?: Record<string, string>;
  /** `--throw`: a failed request throws in the script rather than logging "Request Failed". */
  throw?: boolean;
  /** `--execution-segment`, `--execution-segment-sequence`: as k6 writes them (e.g. `1/3:2/3`, `0,1/3,2/3,1`). */
  executionSegment?: string;
  executionSegmentSequence?: string;
}

/**
 * k6's consolidation: command-line flags win over the script's options. An execution shortcut given on
 * the command line (vus, duration, iterations, stages) replaces the script's scenarios, as in k6.
 */
export function consolidateOptions(scriptOptions: unknown, cli: CliOverrides): Record<string, any> {
  if (
    scriptOptions !== undefined &&
    (typeof scriptOptions !== 'object' || scriptOptions === null || Array.isArray(scriptOptions))
  ) {
    throw new ConfigError('options: the script must export `options` as an object');
  }
  const options: Record<string, any> = structuredClone(scriptOptions ?? {});
  const shortcut =
    cli.vus !== undefined || cli.duration !== undefined || cli.iterations !== undefined || cli.stages !== undefined;
  if (shortcut) {
    delete options.scenarios;
    if (cli.stages !== undefined) {
      delete options.duration;
      delete options.iterations;
    }
  }
  if (cli.vus !== undefined) options.vus = cli.vus;
  if (cli.duration !== undefined) options.duration = cli.duration;
  if (cli.iterations !== undefined) options.iterations = cli.iterations;
  if (cli.stages !== undefined) options.stages = cli.stages;
  if (cli.tags) options.tags = { ...(options.tags ?? {}), ...cli.tags };
  if (cli.throw) options.throw = true;
  if (cli.executionSegment !== undefined) options.executionSegment = cli.executionSegment;
  if (cli.executionSegmentSequence !== undefined) options.executionSegmentSequence = cli.executionSegmentSequence;
  return options;
}

/**
 * The options as k6's `exec.test.options` gives them: consolidated, the execution shortcuts turned
 * into the scenarios they stand for, and frozen all the way down.
 */
export function derivedOptions(options: Record<string, any>): Readonly<Record<string, any>> {
  const { vus: _vus, duration: _duration, iterations: _iterations, stages: _stages, ...rest } = options;
  return deepFreeze(structuredClone({ ...rest, scenarios: scenarioDefinitions(options) }));
}

/** Freezes an object and everything in it (a thread's structured-clone copy of the options arrives unfrozen). */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
    Object.freeze(value);
  }
  return value;
}
