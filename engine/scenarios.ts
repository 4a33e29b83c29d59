// k6's execution options, normalised: shortcut options (vus, iterations, duration) become the one
// scenario k6 would derive from them; only the executors the engine runs are accepted.

export interface ScenarioConfig {
  name: string;
  executor: 'shared-iterations' | 'per-vu-iterations' | 'constant-vus';
  vus: number;
  iterations: number;
  durationMs: number;
  maxDurationMs: number;
  exec: string;
  tags: Record<string, string>;
  env: Record<string, string>;
}

export function parseDuration(value: unknown, field: string): number {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') throw new Error(`${field}: expected a duration such as "30s", got ${JSON.stringify(value)}`);
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;
  let total = 0;
  let matched = '';
  for (const m of value.matchAll(re)) {
    matched += m[0];
    total += Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms'];
  }
  if (matched !== value) throw new Error(`${field}: expected a duration such as "30s" or "1m30s", got ${JSON.stringify(value)}`);
  return total;
}

export function normaliseScenarios(options: Record<string, any>): ScenarioConfig[] {
  const scenarios = options.scenarios as Record<string, Record<string, any>> | undefined;
  if (!scenarios) {
    const vus = options.vus ?? 1;
    if (options.duration) {
      return [{ name: 'default', executor: 'constant-vus', vus, iterations: 0, durationMs: parseDuration(options.duration, 'duration'), maxDurationMs: 0, exec: 'default', tags: {}, env: {} }];
    }
    return [{ name: 'default', executor: 'shared-iterations', vus, iterations: options.iterations ?? vus, durationMs: 0, maxDurationMs: 600_000, exec: 'default', tags: {}, env: {} }];
  }
  return Object.entries(scenarios).map(([name, s]) => {
    if (!['shared-iterations', 'per-vu-iterations', 'constant-vus'].includes(s.executor)) {
      throw new Error(`scenarios.${name}.executor: "${s.executor}" is not supported by the local engine yet`);
    }
    return {
      name,
      executor: s.executor,
      vus: s.vus ?? 1,
      iterations: s.iterations ?? 1,
      durationMs: s.duration ? parseDuration(s.duration, `scenarios.${name}.duration`) : 0,
      maxDurationMs: s.maxDuration ? parseDuration(s.maxDuration, `scenarios.${name}.maxDuration`) : 600_000,
      exec: s.exec ?? 'default',
      tags: s.tags ?? {},
      env: s.env ?? {},
    };
  });
}
