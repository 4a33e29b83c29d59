import { runnerSegment, type RunnerSegment } from '../reports/execution-segments.ts';
import type { Target } from './target.ts';
import { UsageError } from './usage-error.ts';

// A load run split between cooperating processes, as k6-operator splits one between pods: each
// runner runs the same bundle with k6's execution-segment flags, and k6 (or the local engine) gives
// it its share of the VUs, iterations and arrival rate. `--segment i/N` makes this process runner i;
// `--local-runners N` starts all N here against one tenant and merges their results.

export interface SplitFlags {
  segment?: string;
  localRunners?: string;
  findMax?: boolean;
}

export interface Runner extends RunnerSegment {
  /** 1-based. */
  index: number;
  count: number;
}

export type SplitPlan =
  | { kind: 'whole' }
  /** This process is one runner of a split run started elsewhere. */
  | { kind: 'segment'; runner: Runner }
  /** Every runner of the split run, as processes on this machine. */
  | { kind: 'local-runners'; runners: Runner[] };

const runner = (index: number, count: number): Runner => ({ index, count, ...runnerSegment(index, count) });

/** The k6 flags that make a process run its runner's share. */
export const segmentArgs = (r: RunnerSegment) => [
  `--execution-segment=${r.segment}`,
  `--execution-segment-sequence=${r.sequence}`,
];

function wholeNumber(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag}: "${value}" is not a whole number of 1 or more.`);
  return n;
}

export function splitPlan(flags: SplitFlags, suite: string, target: Target): SplitPlan {
  if (flags.segment === undefined && flags.localRunners === undefined) return { kind: 'whole' };
  const flag = flags.segment !== undefined ? '--segment' : '--local-runners';
  if (flags.segment !== undefined && flags.localRunners !== undefined)
    throw new UsageError(
      '--segment and --local-runners: choose one; --segment runs one runner of a split run here, --local-runners runs all of them here.',
    );
  if (suite !== 'load')
    throw new UsageError(
      `${flag}: only the load suite can be split; the ${suite} suite runs one iteration on one VU, which runners cannot share.`,
    );
  if (flags.findMax)
    throw new UsageError(`${flag}: --find-max steps the rate up run by run on one process; run it without ${flag}.`);
  if (flags.localRunners !== undefined) {
    const count = wholeNumber('--local-runners', flags.localRunners);
    return { kind: 'local-runners', runners: Array.from({ length: count }, (_, i) => runner(i + 1, count)) };
  }
  const m = /^(\d+)\/(\d+)$/.exec(flags.segment!.trim());
  const [index, count] = m ? [Number(m[1]), Number(m[2])] : [0, 0];
  if (!m || index < 1 || index > count)
    throw new UsageError(
      `--segment: "${flags.segment}" is not i/N with i from 1 to N; the second runner of four is --segment 2/4.`,
    );
  if (target.kind === 'local')
    throw new UsageError(
      "--segment: --target local starts a tenant of this process's own, and the runners of a split run must share one; " +
        'run them all here with --local-runners N, or start one tenant (`auth0-harness tenant --write-harness-config harness.json`) and give every runner --target <its URL> --config harness.json.',
    );
  return { kind: 'segment', runner: runner(index, count) };
}

/**
 * What each of `runners` processes of a split run must know: how many runners there are (each needs
 * VUs of its own, lib/k6-and-node/load-shapes.ts), and its share of the run's --max-rps, since k6 holds the
 * request ceiling (its `rps` option) per process, in whole requests a second. `fewer` says how to ask
 * for fewer runners.
 */
export function splitEnvironment(env: Record<string, string>, runners: number, fewer: string): Record<string, string> {
  if (runners <= 1) return env;
  const split = { ...env, HARNESS_RUNNERS: String(runners) };
  if (!env.HARNESS_MAX_RPS) return split;
  const perRunner = Math.floor(Number(env.HARNESS_MAX_RPS) / runners);
  if (perRunner < 1)
    throw new UsageError(
      `--max-rps: ${env.HARNESS_MAX_RPS} requests a second shared by ${runners} runners is less than one each; raise --max-rps or ${fewer}.`,
    );
  return { ...split, HARNESS_MAX_RPS: String(perRunner) };
}

/** A runner's environment: the suite's, with the runner count and its share of the request ceiling. */
export function runnerEnvironment(env: Record<string, string>, plan: SplitPlan): Record<string, string> {
  if (plan.kind === 'segment') return splitEnvironment(env, plan.runner.count, 'split the run in fewer segments');
  if (plan.kind === 'local-runners') return splitEnvironment(env, plan.runners.length, 'use fewer --local-runners');
  return env;
}
