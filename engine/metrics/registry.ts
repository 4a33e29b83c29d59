// Metrics as k6 keeps them: a metric has a type and a value kind; samples carry tags; thresholds name
// submetrics by tag filter (`http_req_duration{name:home}`), which get their own sinks.
import type { MetricContains, MetricType, Tags } from './metric-type.ts';
import { Sink } from './sink.ts';

export interface MetricDefinition {
  name: string;
  type: MetricType;
  contains: MetricContains;
}

export interface Submetric {
  /** The key as written, e.g. `http_req_duration{name:home}`. */
  name: string;
  /** The tag filter as k6 prints it, e.g. `name:home`. */
  suffix: string;
  parent: string;
  tags: Tags;
  sink: Sink;
}

/** What recording a sample of a metric needs, found with one lookup. */
export interface MetricSlot {
  definition: MetricDefinition;
  sink: Sink;
  subs: Submetric[];
}

export type SampleListener = (metric: MetricDefinition, value: number, tags: Tags) => void;

// k6's rule for metric names (lib/metrics/registry.go).
const METRIC_NAME = /^[\p{L}\p{N}._ !?/&#()<>%-]{1,128}$/u;

/** Splits `metric{tag:value,other:"x"}` into the metric name and its tag filter. */
export function parseMetricKey(key: string): { metric: string; tags: Tags; suffix: string } {
  const open = key.indexOf('{');
  if (open < 0) return { metric: key.trim(), tags: {}, suffix: '' };
  if (!key.endsWith('}'))
    throw new Error(`the metric key "${key}" is malformed: write it as metric{tag:value,other:value}`);
  const tags: Tags = {};
  const inner = key.slice(open + 1, -1);
  for (const pair of inner.split(',')) {
    if (!pair.trim()) continue;
    const colon = pair.indexOf(':');
    if (colon < 0) throw new Error(`the tag filter "${pair}" in "${key}" is malformed: write it as tag:value`);
    tags[pair.slice(0, colon).trim()] = pair
      .slice(colon + 1)
      .trim()
      .replace(/^["'`](.*)["'`]$/, '$1');
  }
  return { metric: key.slice(0, open).trim(), tags, suffix: inner };
}

export class MetricRegistry {
  readonly definitions = new Map<string, MetricDefinition>();
  private readonly sinks = new Map<string, Sink>();
  private readonly submetrics = new Map<string, Submetric[]>();
  // What add() needs of a metric, found with one lookup (it runs a dozen times per request).
  private readonly slots = new Map<string, MetricSlot>();
  private listener: SampleListener | undefined;
  /** Once the summary is taken, late samples (from iterations cut off by gracefulStop) are dropped. */
  frozen = false;

  /** `aggregate: false` only hands samples to the listener (a worker thread forwarding them). */
  constructor(private readonly aggregate = true) {}

  define(name: string, type: MetricType, contains: MetricContains = 'default'): MetricDefinition {
    const existing = this.definitions.get(name);
    if (existing) {
      if (existing.type !== type || existing.contains !== contains) {
        throw new Error(
          `the metric "${name}" already exists as a ${existing.type} (${existing.contains}); give the new one another name`,
        );
      }
      return existing;
    }
    if (!METRIC_NAME.test(name)) {
      throw new Error(`"${name}" is not a valid metric name: use 1–128 letters, digits, spaces or ._!?/&#()<>%-`);
    }
    const definition = { name, type, contains };
    this.definitions.set(name, definition);
    const sink = new Sink(this.aggregate ? type : 'counter');
    this.sinks.set(name, sink);
    this.onDefine?.(definition);
    let subs = this.submetrics.get(name);
    if (subs) for (const sub of subs) sub.sink = new Sink(type);
    else this.submetrics.set(name, (subs = []));
    this.slots.set(name, { definition, sink, subs });
    return definition;
  }

  /** Declares a submetric (from a threshold key, or k6's own `{expected_response:true}`). */
  addSubmetric(key: string): Submetric | undefined {
    const { metric, tags, suffix } = parseMetricKey(key);
    if (Object.keys(tags).length === 0) return undefined;
    const list = this.submetrics.get(metric) ?? [];
    const found = list.find((s) => s.name === key);
    if (found) return found;
    const parentType = this.definitions.get(metric)?.type ?? 'trend';
    const sub = { name: key, suffix, parent: metric, tags, sink: new Sink(parentType) };
    list.push(sub);
    this.submetrics.set(metric, list);
    return sub;
  }

  submetricsOf(name: string): Submetric[] {
    return this.submetrics.get(name) ?? [];
  }

  /** Called for each metric defined after start-up (custom metrics of a worker thread's VUs). */
  onDefine: ((definition: MetricDefinition) => void) | undefined;

  /** Adds a listener of every sample (each output has one). */
  onSample(listener: SampleListener): void {
    const previous = this.listener;
    this.listener = previous
      ? (metric, value, tags) => {
          previous(metric, value, tags);
          listener(metric, value, tags);
        }
      : listener;
  }

  add(name: string, value: number, tags: Tags): void {
    const slot = this.slots.get(name);
    if (slot) this.record(slot, value, tags);
  }

  /**
   * The handle of a defined metric, for code that records it on every request: `record(slot, …)`
   * skips the lookup by name. A metric's slot never changes once defined.
   */
  slot(name: string): MetricSlot | undefined {
    return this.slots.get(name);
  }

  record(slot: MetricSlot, value: number, tags: Tags): void {
    if (this.frozen) return;
    if (!this.aggregate) {
      this.listener?.(slot.definition, value, tags);
      return;
    }
    slot.sink.add(value);
    for (const sub of slot.subs) {
      let matches = true;
      for (const key in sub.tags) {
        if (tags[key] !== sub.tags[key]) {
          matches = false;
          break;
        }
      }
      if (matches) sub.sink.add(value);
    }
    if (this.listener) this.listener(slot.definition, value, tags);
  }

  sink(name: string): Sink | undefined {
    return this.sinks.get(name) ?? this.submetricsOf(parseMetricKey(name).metric).find((s) => s.name === name)?.sink;
  }

  /** Every metric followed by its submetrics, with their sinks. */
  entries(): { name: string; definition: MetricDefinition; sink: Sink }[] {
    const out: { name: string; definition: MetricDefinition; sink: Sink }[] = [];
    for (const [name, definition] of this.definitions) {
      out.push({ name, definition, sink: this.sinks.get(name) as Sink });
      for (const sub of this.submetrics.get(name) ?? []) out.push({ name: sub.name, definition, sink: sub.sink });
    }
    return out;
  }
}
