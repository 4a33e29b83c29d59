import type { MetricType } from '../metrics/registry.ts';
import { groupTag, type VuState } from '../vu-state.ts';

/** The `k6/metrics` module for one VU: Counter, Gauge, Rate, Trend (isTime marks time values). */
export function metricsModule(vu: VuState) {
  const make = (type: MetricType) =>
    class {
      readonly name: string;
      constructor(name: string, isTime = false) {
        this.name = name;
        vu.run.metrics.define(name, type, type === 'trend' && isTime ? 'time' : 'default');
      }
      add(value: number | boolean, tags: Record<string, string> = {}): void {
        vu.run.metrics.add(this.name, Number(value), { ...vu.tags, group: groupTag(vu), ...tags });
      }
    };
  return { Counter: make('counter'), Gauge: make('gauge'), Rate: make('rate'), Trend: make('trend') };
}
