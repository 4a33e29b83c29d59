// Metrics as k6 keeps them: a metric has a type (counter, gauge, rate, trend) and a value kind
// (default, time, data); samples carry tags; thresholds name submetrics by tag filter
// (`http_req_duration{name:home}`), which get their own sinks.

export type MetricType = 'counter' | 'gauge' | 'rate' | 'trend';
export type MetricContains = 'default' | 'time' | 'data';
export type Tags = Record<string, string>;

export class Sink {
  count = 0;
  sum = 0;
  min = Infinity;
  max = -Infinity;
  last = 0;
  nonZero = 0;
  values: number[] = [];

  constructor(readonly type: MetricType) {}

  add(value: number): void {
    this.count++;
    this.sum += value;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
    this.last = value;
    if (value !== 0) this.nonZero++;
    if (this.type === 'trend') this.values.push(value);
  }

  /** k6's percentile: linear interpolation between the closest ranks. */
  percentile(p: number): number {
    if (this.values.length === 0) return 0;
    const sorted = this.values.slice().sort((a, b) => a - b);
    const rank = (p / 100) * (sorted.length - 1);
    const lo = Math.floor(rank);
    const hi = Math.ceil(rank);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
  }
}

export interface MetricDefinition {
  name: string;
  type: MetricType;
  contains: MetricContains;
}

interface Submetric {
  name: string;
  parent: string;
  tags: Tags;
  sink: Sink;
}

export function parseMetricKey(key: string): { metric: string; tags: Tags } {
  const open = key.indexOf('{');
  if (open < 0) return { metric: key, tags: {} };
  if (!key.endsWith('}')) throw new Error(`invalid metric key ${key}: expected metric{tag:value,...}`);
  const tags: Tags = {};
  for (const pair of key.slice(open + 1, -1).split(',')) {
    if (!pair.trim()) continue;
    const colon = pair.indexOf(':');
    if (colon < 0) throw new Error(`invalid tag filter "${pair}" in ${key}: expected tag:value`);
    tags[pair.slice(0, colon).trim()] = pair.slice(colon + 1).trim().replace(/^["']|["']$/g, '');
  }
  return { metric: key.slice(0, open), tags };
}

export class MetricRegistry {
  readonly definitions = new Map<string, MetricDefinition>();
  readonly sinks = new Map<string, Sink>();
  private readonly submetrics = new Map<string, Submetric[]>();

  define(name: string, type: MetricType, contains: MetricContains = 'default'): MetricDefinition {
    const existing = this.definitions.get(name);
    if (existing) {
      if (existing.type !== type) throw new Error(`metric ${name} already exists with type ${existing.type}`);
      return existing;
    }
    const definition = { name, type, contains };
    this.definitions.set(name, definition);
    this.sinks.set(name, new Sink(type));
    return definition;
  }

  /** Declares a submetric (from a threshold key); its parent may be defined later. */
  addSubmetric(key: string): void {
    const { metric, tags } = parseMetricKey(key);
    if (Object.keys(tags).length === 0) return;
    const list = this.submetrics.get(metric) ?? [];
    if (list.some((s) => s.name === key)) return;
    list.push({ name: key, parent: metric, tags, sink: new Sink('trend') });
    this.submetrics.set(metric, list);
  }

  add(name: string, value: number, tags: Tags): void {
    const sink = this.sinks.get(name);
    if (!sink) return;
    sink.add(value);
    const subs = this.submetrics.get(name);
    if (!subs) return;
    for (const sub of subs) {
      let matches = true;
      for (const key in sub.tags) {
        if (tags[key] !== sub.tags[key]) {
          matches = false;
          break;
        }
      }
      if (matches) {
        if (sub.sink.type !== sink.type) sub.sink = Object.assign(new Sink(sink.type), sub.sink, { type: sink.type });
        sub.sink.add(value);
      }
    }
  }

  /** Every metric and submetric that received data or was declared, with its sink. */
  entries(): { name: string; definition: MetricDefinition; sink: Sink }[] {
    const out: { name: string; definition: MetricDefinition; sink: Sink }[] = [];
    for (const [name, definition] of this.definitions) {
      out.push({ name, definition, sink: this.sinks.get(name) as Sink });
      for (const sub of this.submetrics.get(name) ?? []) out.push({ name: sub.name, definition, sink: sub.sink });
    }
    return out;
  }
}
