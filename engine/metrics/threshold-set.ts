import { ConfigError } from '../scenarios.ts';
import type { MetricRegistry } from './registry.ts';
import { parseMetricKey } from './registry.ts';
import { checkAggregation, parseThreshold, thresholdHolds, type Threshold, type ThresholdEntry } from './thresholds.ts';

export interface ThresholdResults {
  /** metric key → threshold source → ok */
  byMetric: Map<string, Map<string, boolean>>;
  crossedMetrics: string[];
}

/** The test's thresholds, parsed and checked against the metrics once the init code has defined them. */
export class ThresholdSet {
  private readonly parsed = new Map<string, Threshold[]>();

  constructor(
    raw: unknown,
    private readonly registry: MetricRegistry,
  ) {
    if (raw === undefined || raw === null) return;
    if (typeof raw !== 'object' || Array.isArray(raw))
      throw new ConfigError('thresholds: expected an object of metric name → list of expressions');
    for (const [key, entries] of Object.entries(raw as Record<string, unknown>)) {
      const list = Array.isArray(entries) ? entries : [entries];
      let metric: string;
      try {
        metric = parseMetricKey(key).metric;
      } catch (error) {
        throw new ConfigError(`thresholds: ${(error as Error).message}`);
      }
      const definition = registry.definitions.get(metric);
      if (!definition)
        throw new ConfigError(
          `thresholds["${key}"]: there is no metric named "${metric}"; define it in the init context (new Trend('${metric}')) or fix the name`,
        );
      registry.addSubmetric(key);
      const thresholds = list.map((entry) => {
        try {
          const t = parseThreshold(entry as ThresholdEntry, key);
          checkAggregation(t, definition.type, key);
          return t;
        } catch (error) {
          throw new ConfigError((error as Error).message);
        }
      });
      this.parsed.set(key, thresholds);
    }
  }

  get keys(): string[] {
    return [...this.parsed.keys()];
  }

  evaluate(durationSeconds: number): ThresholdResults {
    const byMetric = new Map<string, Map<string, boolean>>();
    const crossedMetrics: string[] = [];
    for (const [key, thresholds] of this.parsed) {
      const definition = this.registry.definitions.get(parseMetricKey(key).metric);
      const sink = this.registry.sink(key);
      const results = new Map<string, boolean>();
      for (const t of thresholds)
        results.set(t.source, !!definition && !!sink && thresholdHolds(t, definition.type, sink, durationSeconds));
      byMetric.set(key, results);
      if ([...results.values()].includes(false)) crossedMetrics.push(key);
    }
    return { byMetric, crossedMetrics };
  }

  /** The metric of the first abortOnFail threshold crossed (after its delayAbortEval), if any. */
  abortingMetric(elapsedMs: number): string | undefined {
    for (const [key, thresholds] of this.parsed) {
      const definition = this.registry.definitions.get(parseMetricKey(key).metric);
      const sink = this.registry.sink(key);
      if (!definition || !sink) continue;
      for (const t of thresholds) {
        if (
          t.abortOnFail &&
          elapsedMs >= t.delayAbortEvalMs &&
          !thresholdHolds(t, definition.type, sink, elapsedMs / 1000)
        )
          return key;
      }
    }
    return undefined;
  }
}
