// k6's execution options, normalised and validated: the shortcut options (vus, duration, iterations,
// stages) become the one `default` scenario k6 derives from them; every executor field gets k6's
// default. A mistake here is a configuration error (exit 104), reported by field.
import { parseDuration } from './duration.ts';

export type ExecutorName =
  | 'shared-iterations'
  | 'per-vu-iterations'
  | 'constant-vus'
  | 'ramping-vus'
  | 'constant-arrival-rate'
  | 'ramping-arrival-rate';

const EXECUTORS: ExecutorName[] = [
  'shared-iterations',
  'per-vu-iterations',
  'constant-vus',
  'ramping-vus',
  'constant-arrival-rate',
  'ramping-arrival-rate',
];

export interface Stage {
  durationMs: number;
  target: number;
}

export interface ScenarioConfig {
  name: string;
  executor: ExecutorName;
  startTimeMs: number;
  gracefulStopMs: number;
  exec: string;
  env: Record<string, string>;
  tags: Record<string, string>;
  /** shared/per-vu iterations, constant-vus */
  vus: number;
  iterations: number;
  durationMs: number;
  maxDurationMs: number;
  /** ramping-vus */
  startVUs: number;
  stages: Stage[];
  gracefulRampDownMs: number;
  /** arrival-rate executors: iterations per timeUnit */
  rate: number;
  startRate: number;
  timeUnitMs: number;
  preAllocatedVUs: number;
  maxVUs: number;
}

export class ConfigError extends Error {}

function nonNegativeInt(value: unknown, field: string, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new ConfigError(`${field}: expected a whole number ≥ 0, got ${JSON.stringify(value)}`);
  }
  return value;
}

function duration(value: unknown, field: string, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  try {
    return parseDuration(value, field);
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
}

function stages(value: unknown, field: string): Stage[] {
  if (!Array.isArray(value) || value.length === 0)
    throw new ConfigError(`${field}: expected a non-empty list of { duration, target }`);
  return value.map((s, i) => ({
    durationMs: duration(s?.duration, `${field}[${i}].duration`, NaN),
    target: nonNegativeInt(s?.target, `${field}[${i}].target`, 0),
  }));
}

function stringMap(value: unknown, field: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value))
    throw new ConfigError(`${field}: expected an object of string values`);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)]));
}

const KNOWN_FIELDS: Record<ExecutorName, string[]> = {
  'shared-iterations': ['vus', 'iterations', 'maxDuration'],
  'per-vu-iterations': ['vus', 'iterations', 'maxDuration'],
  'constant-vus': ['vus', 'duration'],
  'ramping-vus': ['startVUs', 'stages', 'gracefulRampDown'],
  'constant-arrival-rate': ['rate', 'timeUnit', 'duration', 'preAllocatedVUs', 'maxVUs'],
  'ramping-arrival-rate': ['startRate', 'timeUnit', 'stages', 'preAllocatedVUs', 'maxVUs'],
};
const COMMON_FIELDS = ['executor', 'startTime', 'gracefulStop', 'exec', 'env', 'tags', 'options'];

function normaliseScenario(name: string, s: Record<string, any>): ScenarioConfig {
  const at = `scenarios.${name}`;
  if (typeof s !== 'object' || s === null) throw new ConfigError(`${at}: expected an object with an executor`);
  const executor = s.executor as ExecutorName;
  if (!EXECUTORS.includes(executor)) {
    throw new ConfigError(
      `${at}.executor: ${JSON.stringify(s.executor)} is not an executor; use one of ${EXECUTORS.join(', ')}`,
    );
  }
  for (const key of Object.keys(s)) {
    if (!COMMON_FIELDS.includes(key) && !KNOWN_FIELDS[executor].includes(key)) {
      throw new ConfigError(
        `${at}.${key}: not an option of the ${executor} executor (it takes ${[...KNOWN_FIELDS[executor], ...COMMON_FIELDS].join(', ')})`,
      );
    }
  }
  const config: ScenarioConfig = {
    name,
    executor,
    startTimeMs: duration(s.startTime, `${at}.startTime`, 0),
    gracefulStopMs: duration(s.gracefulStop, `${at}.gracefulStop`, 30_000),
    exec: s.exec ?? 'default',
    env: stringMap(s.env, `${at}.env`),
    tags: stringMap(s.tags, `${at}.tags`),
    vus: nonNegativeInt(s.vus, `${at}.vus`, 1),
    iterations: nonNegativeInt(s.iterations, `${at}.iterations`, 1),
    durationMs: 0,
    maxDurationMs: duration(s.maxDuration, `${at}.maxDuration`, 600_000),
    startVUs: nonNegativeInt(s.startVUs, `${at}.startVUs`, 1),
    stages: [],
    gracefulRampDownMs: duration(s.gracefulRampDown, `${at}.gracefulRampDown`, 30_000),
    rate: 0,
    startRate: nonNegativeInt(s.startRate, `${at}.startRate`, 0),
    timeUnitMs: duration(s.timeUnit, `${at}.timeUnit`, 1000),
    preAllocatedVUs: nonNegativeInt(s.preAllocatedVUs, `${at}.preAllocatedVUs`, 0),
    maxVUs: 0,
  };
  if (typeof config.exec !== 'string') throw new ConfigError(`${at}.exec: expected the name of an exported function`);
  switch (executor) {
    case 'shared-iterations':
      if (config.iterations < config.vus)
        throw new ConfigError(
          `${at}.iterations: ${config.iterations} is fewer than vus (${config.vus}); k6 needs at least one iteration per VU`,
        );
      break;
    case 'constant-vus':
      config.durationMs = duration(s.duration, `${at}.duration`, NaN);
      if (!(config.durationMs > 0)) throw new ConfigError(`${at}.duration: required, e.g. "30s"`);
      break;
    case 'ramping-vus':
      config.stages = stages(s.stages, `${at}.stages`);
      break;
    case 'constant-arrival-rate':
      config.rate = nonNegativeInt(s.rate, `${at}.rate`, NaN);
      config.durationMs = duration(s.duration, `${at}.duration`, NaN);
      if (!(config.rate > 0))
        throw new ConfigError(`${at}.rate: required, a whole number > 0 of iterations per timeUnit`);
      if (!(config.durationMs > 0)) throw new ConfigError(`${at}.duration: required, e.g. "30s"`);
      break;
    case 'ramping-arrival-rate':
      config.stages = stages(s.stages, `${at}.stages`);
      break;
  }
  if (executor === 'constant-arrival-rate' || executor === 'ramping-arrival-rate') {
    if (s.preAllocatedVUs === undefined)
      throw new ConfigError(`${at}.preAllocatedVUs: required by the ${executor} executor`);
    config.maxVUs = nonNegativeInt(s.maxVUs, `${at}.maxVUs`, config.preAllocatedVUs);
    if (config.maxVUs < config.preAllocatedVUs)
      throw new ConfigError(`${at}.maxVUs: ${config.maxVUs} is below preAllocatedVUs (${config.preAllocatedVUs})`);
    if (!(config.timeUnitMs > 0)) throw new ConfigError(`${at}.timeUnit: must be longer than 0`);
  }
  return config;
}

/**
 * The scenarios k6 would run for these (already merged) options, as written: the script's own, or
 * the one its execution shortcuts (vus, duration, iterations, stages) stand for, named "default".
 */
export function scenarioDefinitions(options: Record<string, any>): Record<string, Record<string, any>> {
  if (options.scenarios !== undefined) {
    if (
      typeof options.scenarios !== 'object' ||
      options.scenarios === null ||
      Object.keys(options.scenarios).length === 0
    ) {
      throw new ConfigError('scenarios: expected an object with at least one named scenario');
    }
    return options.scenarios;
  }
  const vus = options.vus ?? 1;
  if (options.stages) return { default: { executor: 'ramping-vus', startVUs: vus, stages: options.stages } };
  if (options.duration !== undefined && options.iterations === undefined) {
    const d = parseDuration(options.duration, 'duration');
    if (d > 0) return { default: { executor: 'constant-vus', vus, duration: options.duration } };
  }
  return {
    default: {
      executor: 'shared-iterations',
      vus,
      iterations: options.iterations ?? vus,
      ...(options.duration !== undefined ? { maxDuration: options.duration } : {}),
    },
  };
}

export function normaliseScenarios(options: Record<string, any>): ScenarioConfig[] {
  return Object.entries(scenarioDefinitions(options)).map(([name, s]) => normaliseScenario(name, s));
}

/** The longest a scenario can run, from its own start: what the progress bar and --duration show. */
export function plannedDurationMs(s: ScenarioConfig): number {
  switch (s.executor) {
    case 'constant-vus':
    case 'constant-arrival-rate':
      return s.durationMs;
    case 'ramping-vus':
    case 'ramping-arrival-rate':
      return s.stages.reduce((t, st) => t + st.durationMs, 0);
    default:
      return s.maxDurationMs;
  }
}
