import type { MetricType } from '../metrics/metric-type.ts';
import { sampleTags, type VuState } from '../vu-state.ts';

/** The `k6/metrics` module for one VU: Counter, Gauge, Rate, Trend (isTime marks time values). */
export function metricsModule(vu: VuState) {
  const make = (type: MetricType, className: string) =>
    class {
      readonly name: string;
      constructor(name: string, isTime = false) {
        if (!vu.initPhase)
          throw new Error(
            `new ${className}("${name}"): metrics must be declared in the init context (at the top of the script)`,
          );
        this.name = name;
        vu.run.metrics.define(name, type, isTime ? 'time' : 'default');
      }
      add(value: number | boolean, tags?: Record<string, string>): boolean {
        const n = Number(value);
        if (Number.isNaN(n))
          throw new Error(`${className} ${this.name}: add() needs a number or a boolean, got ${JSON.stringify(value)}`);
        vu.run.metrics.add(this.name, n, sampleTags(vu, tags));
        return true;
      }
    };
  return {
    Counter: make('counter', 'Counter'),
    Gauge: make('gauge', 'Gauge'),
    Rate: make('rate', 'Rate'),
    Trend: make('trend', 'Trend'),
  };
}
