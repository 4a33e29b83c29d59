import { SHAPE_DEFAULTS, SHAPES, type FlowShare, type Model, type Shape } from './load-shapes.ts';

// The load suite's settings, as the CLI passes them to the bundle in -e variables. Parsing is shared:
// the CLI validates flags with these same functions (and reports problems as usage errors), the bundle
// reads the variables it was given.

export interface LoadSettings {
  shape: Shape;
  model: Model;
  /** Iterations per second across all flows (open), or VUs (closed). */
  rate: number;
  durationS: number;
  mix: FlowShare[];
  /** One response in `sampleEvery` goes through the full conformance checks. */
  sampleEvery: number;
  thresholds: ThresholdSpec[];
  noConnectionReuse: boolean;
  /** Users to sign up in setup for the per-VU pool; 0 uses the configured users.plain. */
  signupUsers: number;
  maxVUs: number;
  /** The processes a split run is shared between (k6-operator's parallelism, --segment's N). */
  runners: number;
  /** The request-rate ceiling (k6's rps option); 0 = none, on loopback. */
  maxRps: number;
}

/** A user threshold: `[endpoint:]metric<op>value`, metric one of p50..p99.9, avg, max, error_rate. */
export interface ThresholdSpec {
  endpoint?: string;
  metric: string;
  expression: string;
}

const THRESHOLD = /^(?:(.+):)?(p\d+(?:\.\d+)?|avg|max|med|error_rate)\s*(<=|<|>=|>)\s*(\d+(?:\.\d+)?)$/;

/** Parses `--threshold` values; throws a sentence naming the bad one. */
export function parseThresholds(values: string[]): ThresholdSpec[] {
  return values.map((raw) => {
    const m = THRESHOLD.exec(raw.trim());
    if (!m)
      throw new Error(
        `--threshold: "${raw}" is not [endpoint:]metric<value, e.g. p95<500, "POST /oauth/token:p99<800" or error_rate<0.01`,
      );
    const [, endpoint, metric, op, value] = m;
    const aggregation = metric === 'error_rate' ? 'rate' : /^p\d/.test(metric) ? `p(${metric.slice(1)})` : metric;
    return { endpoint: endpoint?.trim(), metric, expression: `${aggregation}${op}${value}` };
  });
}

const DEFAULT_THRESHOLDS = ['p95<500', 'p99<1000', 'error_rate<0.01'];

/** Parses `--mix flow=weight,...` into shares that sum to 1; throws a sentence naming the bad part. */
export function parseMix(value: string, flows: readonly string[]): FlowShare[] {
  const parts = value
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const weights: { flow: string; weight: number }[] = [];
  for (const part of parts) {
    const [flow, w] = part.split('=');
    if (!flows.includes(flow)) throw new Error(`--mix: unknown flow "${flow}"; choose from ${flows.join(', ')}`);
    const weight = w === undefined ? 1 : Number(w);
    if (!Number.isFinite(weight) || weight < 0)
      throw new Error(`--mix: the weight of ${flow} must be a non-negative number, got "${w}"`);
    if (weight > 0) weights.push({ flow, weight });
  }
  const total = weights.reduce((s, w) => s + w.weight, 0);
  if (total === 0)
    throw new Error('--mix: give at least one flow a weight above 0, e.g. --mix client_credentials_post=3,userinfo=1');
  return weights.map((w) => ({ flow: w.flow, share: w.weight / total }));
}

function positive(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name}: "${raw}" is not a positive number.`);
  return value;
}

/** Reads the settings from the environment (k6's __ENV, or process.env in the CLI). */
export function loadSettingsFrom(env: Record<string, string | undefined>, flows: readonly string[]): LoadSettings {
  const shape = (env.HARNESS_LOAD_SHAPE || 'smoke') as Shape;
  if (!SHAPES.includes(shape)) throw new Error(`--shape: "${shape}" is not one of ${SHAPES.join(', ')}.`);
  const model = (env.HARNESS_LOAD_MODEL || 'open') as Model;
  if (model !== 'open' && model !== 'closed') throw new Error(`--model: "${model}" is not open or closed.`);
  const defaults = SHAPE_DEFAULTS[shape];
  const thresholds = env.HARNESS_LOAD_THRESHOLDS
    ? (JSON.parse(env.HARNESS_LOAD_THRESHOLDS) as string[])
    : DEFAULT_THRESHOLDS;
  return {
    shape,
    model,
    rate: positive('--rate', env.HARNESS_LOAD_RATE, defaults.rate),
    durationS: positive('--duration', env.HARNESS_LOAD_DURATION_S, defaults.durationS),
    mix: parseMix(env.HARNESS_LOAD_MIX || flows.join(','), flows),
    sampleEvery: Math.round(positive('--sample-every', env.HARNESS_LOAD_SAMPLE_EVERY, 20)),
    thresholds: parseThresholds(thresholds),
    noConnectionReuse: env.HARNESS_NO_CONNECTION_REUSE === 'true',
    signupUsers: Math.round(Number(env.HARNESS_LOAD_SIGNUP_USERS ?? 0)) || 0,
    maxVUs: Math.round(positive('--max-vus', env.HARNESS_LOAD_MAX_VUS, 200)),
    runners: Math.round(positive('HARNESS_RUNNERS', env.HARNESS_RUNNERS, 1)),
    maxRps: env.HARNESS_MAX_RPS ? positive('--max-rps', env.HARNESS_MAX_RPS, 0) : 0,
  };
}
