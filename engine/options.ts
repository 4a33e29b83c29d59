import { ConfigError } from './scenarios.ts';

/** What `k6 run` flags set, applied over the script's `export const options`. */
export interface CliOverrides {
  vus?: number;
  duration?: string;
  iterations?: number;
  stages?: { duration: string; target: number }[];
  tags?: Record<string, string>;
}

/**
 * k6's consolidation: command-line flags win over the script's options. An execution shortcut given on
 * the command line (vus, duration, iterations, stages) replaces the script's scenarios, as in k6.
 */
export function consolidateOptions(scriptOptions: unknown, cli: CliOverrides): Record<string, any> {
  if (scriptOptions !== undefined && (typeof scriptOptions !== 'object' || scriptOptions === null || Array.isArray(scriptOptions))) {
    throw new ConfigError('options: the script must export `options` as an object');
  }
  const options: Record<string, any> = structuredClone(scriptOptions ?? {});
  const shortcut = cli.vus !== undefined || cli.duration !== undefined || cli.iterations !== undefined || cli.stages !== undefined;
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
  return options;
}
