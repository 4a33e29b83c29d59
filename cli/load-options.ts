import { LOAD_FLOW_NAMES } from '../lib/k6-and-node/load-flow-names.ts';
import { loadSettingsFrom, parseThresholds } from '../lib/k6-and-node/load-settings.ts';
import { PLANS } from '../lib/k6-and-node/documented-rate-limits.ts';
import { UsageError } from './usage-error.ts';

// The load and rate-limit flags, checked here (one sentence per problem, exit 2) and handed to the
// bundle as -e variables that lib/k6-and-node/load-settings.ts and lib/ratelimit/suite-settings.ts read.

/** Without --max-rps, a target that is not on this machine gets at most this many requests a second. */
const REMOTE_MAX_RPS = 50;

export interface LoadFlags {
  shape?: string;
  model?: string;
  rate?: string;
  duration?: string;
  mix?: string;
  threshold?: string[];
  sampleEvery?: string;
  connectionReuse?: boolean;
  signupUsers?: string;
  maxVus?: string;
  maxRps?: string;
  findMax?: boolean;
  plan?: string;
  only?: string;
}

function seconds(value: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(value.trim());
  if (!m) throw new UsageError(`--duration: "${value}" is not a duration such as 30s, 5m or 1h.`);
  return Number(m[1]) * { ms: 0.001, s: 1, m: 60, h: 3600 }[(m[2] ?? 's') as 's'];
}

function maxRpsOf(flags: LoadFlags, loopback: boolean): number {
  if (flags.maxRps === undefined) return loopback ? 0 : REMOTE_MAX_RPS;
  const value = Number(flags.maxRps);
  if (!Number.isFinite(value) || value <= 0)
    throw new UsageError(`--max-rps: "${flags.maxRps}" is not a positive number of requests per second.`);
  return value;
}

/** The -e variables of a load or rate-limit run; empty for conformance. */
export function suiteEnvironment(suite: string, flags: LoadFlags, loopback: boolean): Record<string, string> {
  const env: Record<string, string> = {};
  const set = (name: string, value: string | undefined) => {
    if (value !== undefined) env[name] = value;
  };
  if (suite === 'conformance') return env;
  const maxRps = maxRpsOf(flags, loopback);
  if (maxRps > 0) env.HARNESS_MAX_RPS = String(maxRps);
  if (suite === 'ratelimit') {
    if (flags.plan !== undefined && !PLANS.includes(flags.plan as never))
      throw new UsageError(`--plan: "${flags.plan}" is not one of ${PLANS.join(', ')}.`);
    set('HARNESS_RATELIMIT_PLAN', flags.plan);
    set('HARNESS_RATELIMIT_ONLY', flags.only);
    return env;
  }
  set('HARNESS_LOAD_SHAPE', flags.shape);
  set('HARNESS_LOAD_MODEL', flags.model);
  set('HARNESS_LOAD_RATE', flags.rate);
  set('HARNESS_LOAD_DURATION_S', flags.duration === undefined ? undefined : String(seconds(flags.duration)));
  set('HARNESS_LOAD_MIX', flags.mix);
  set('HARNESS_LOAD_SAMPLE_EVERY', flags.sampleEvery);
  set('HARNESS_LOAD_SIGNUP_USERS', flags.signupUsers);
  set('HARNESS_LOAD_MAX_VUS', flags.maxVus);
  if (flags.connectionReuse === false) env.HARNESS_NO_CONNECTION_REUSE = 'true';
  if (flags.threshold?.length) {
    try {
      parseThresholds(flags.threshold);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    env.HARNESS_LOAD_THRESHOLDS = JSON.stringify(flags.threshold);
  }
  let settings;
  try {
    settings = loadSettingsFrom(env, LOAD_FLOW_NAMES);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  // A closed model's request rate follows the target's latency, so it cannot be held to a ceiling in
  // advance (k6's rps option would, the local engine's would not): off this machine, open model only.
  if (!loopback && settings.model === 'closed') {
    throw new UsageError(
      '--model closed: its request rate is not bounded in advance; off this machine use the open model (the default) with --rate.',
    );
  }
  // The open model's rate is iterations a second; discovery_jwks sends two requests an iteration.
  const perIteration = settings.mix.reduce((sum, m) => sum + m.share * (m.flow === 'discovery_jwks' ? 2 : 1), 0);
  if (maxRps > 0 && settings.model === 'open' && settings.rate * perIteration > maxRps) {
    throw new UsageError(
      `--rate: ${settings.rate}/s sends about ${(settings.rate * perIteration).toFixed(1)} requests a second, above the ceiling of ${maxRps} rps` +
        `${loopback ? '' : ` for a target that is not on this machine`}; lower --rate, or raise the ceiling explicitly with --max-rps.`,
    );
  }
  return env;
}

/** The flows a load run mixes, from its -e variables. */
export function loadFlowsOf(env: Record<string, string>): string[] {
  return loadSettingsFrom(env, LOAD_FLOW_NAMES).mix.map((m) => m.flow);
}
