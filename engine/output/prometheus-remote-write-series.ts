import type { MetricContains, MetricType, Tags } from '../metrics/metric-type.ts';
import type { MetricDefinition } from '../metrics/registry.ts';
import { Sink } from '../metrics/sink.ts';
import { trendStat } from '../metrics/summary-values.ts';
import { NativeHistogramSink } from './prometheus-remote-write-native-histogram.ts';
import type { Label, TimeSeries } from './prometheus-remote-write-schema.ts';

// How k6's remote-write output names and aggregates series (internal/output/prometheusrw): one series
// per metric and tag set, labelled by the tags (empty ones left out) and named `k6_<metric>` with a
// suffix per type. Every value is cumulative from the start of the test, as k6 keeps it: a counter's
// total, a gauge's last value, a rate's share of non-zero samples, a trend's statistics over all its
// values so far (or one native histogram of them).

const PREFIX = 'k6_';
const NAME_LABEL = '__name__';

export interface SeriesNaming {
  trendStats: string[];
  trendAsNativeHistogram: boolean;
}

/** `p(99)` → `p99`, `p(99.9)` → `p999`, `p(0.95)` → `p095`; other statistics keep their name. */
function trendStatSuffix(stat: string): string {
  const percentile = /^p\((.*)\)$/.exec(stat)?.[1];
  return percentile === undefined ? stat : `p${percentile.replaceAll('.', '')}`;
}

/** Prometheus's base units: time in seconds and data in bytes; k6 records time in milliseconds. */
function baseUnit(contains: MetricContains): string {
  return contains === 'time' ? 'seconds' : contains === 'data' ? 'bytes' : '';
}

function inBaseUnit(contains: MetricContains, value: number): number {
  return contains === 'time' ? value / 1000 : value;
}

function seriesName(metric: string, suffix: string): string {
  return `${PREFIX}${metric}${suffix ? `_${suffix}` : ''}`;
}

const TYPE_SUFFIX: Record<Exclude<MetricType, 'trend'>, string> = { counter: 'total', gauge: '', rate: 'rate' };

/** Every name the output writes for a metric: `k6_http_reqs_total`, `k6_http_req_duration_p99`, … */
export function remoteWriteNames(metric: Pick<MetricDefinition, 'name' | 'type' | 'contains'>, naming: SeriesNaming) {
  if (metric.type !== 'trend') return [seriesName(metric.name, TYPE_SUFFIX[metric.type])];
  if (naming.trendAsNativeHistogram) return [seriesName(metric.name, baseUnit(metric.contains))];
  return naming.trendStats.map((stat) => seriesName(metric.name, trendStatSuffix(stat)));
}

/** A sample's tags as labels, sorted by name with __name__ among them (the protocol requires the order). */
function labelsOf(tags: Tags, name: string): Label[] {
  const labels: Label[] = [{ name: NAME_LABEL, value: name }];
  for (const key in tags) if (key !== '' && tags[key] !== '') labels.push({ name: key, value: tags[key] });
  return labels.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** One metric × tag set: its aggregate and the series it is written as. */
class Series {
  /** When its latest samples were added (ms since the epoch). */
  latest = 0;
  /** The timestamp of the last write; a series is written again only once it has a later sample. */
  written = -1;
  private readonly sink: Sink | undefined;
  private readonly histogram: NativeHistogramSink | undefined;
  private readonly labels: Label[][];

  constructor(
    private readonly metric: MetricDefinition,
    tags: Tags,
    private readonly naming: SeriesNaming,
  ) {
    this.labels = remoteWriteNames(metric, naming).map((name) => labelsOf(tags, name));
    if (metric.type === 'trend' && naming.trendAsNativeHistogram) this.histogram = new NativeHistogramSink();
    else this.sink = new Sink(metric.type);
  }

  add(value: number): void {
    if (this.histogram) this.histogram.observe(inBaseUnit(this.metric.contains, value));
    else (this.sink as Sink).add(value);
  }

  timeseries(timestamp: number): TimeSeries[] {
    if (this.histogram) return [{ labels: this.labels[0], histograms: [this.histogram.toProto(timestamp)] }];
    const sink = this.sink as Sink;
    const sample = (labels: Label[], value: number): TimeSeries => ({ labels, samples: [{ value, timestamp }] });
    switch (this.metric.type) {
      case 'counter':
        return [sample(this.labels[0], sink.sum)];
      case 'gauge':
        return [sample(this.labels[0], sink.last)];
      case 'rate':
        return [sample(this.labels[0], sink.nonZero / sink.count)];
      case 'trend':
        // k6 converts every statistic of a time trend to seconds, its count included (count / 1000):
        // mirrored, so that a dashboard reads the same numbers from k6 and from this engine.
        return this.naming.trendStats.map((stat, i) =>
          sample(this.labels[i], inBaseUnit(this.metric.contains, stat === 'sum' ? sink.sum : trendStat(sink, stat))),
        );
    }
  }
}

/** A tag set's labels as text, whatever order its tags were set in (empty ones are no labels). */
function canonicalKey(tags: Tags): string {
  const keys = Object.keys(tags).sort();
  let key = '';
  for (const k of keys) if (k !== '' && tags[k] !== '') key += `${k}\u0000${tags[k]}\u0000`;
  return key;
}

type SeriesOfTags = Map<MetricDefinition, Series>;

/**
 * Tag sets as a tree of (tag, value) steps in the order a tag object lists them, so that finding a tag
 * set costs a few lookups of short strings rather than building its text. Tag objects made by the same
 * code list the same tags in the same order, so a node's children are kept by value for the tag it
 * first saw, and by tag and value for any other. A leaf leads to the tag set's series, shared by every
 * order of the same tags.
 */
class TagNode {
  private tag: string | undefined;
  private readonly byValue = new Map<string, TagNode>();
  private others: Map<string, TagNode> | undefined;
  series: SeriesOfTags | undefined;

  child(tag: string, value: string): TagNode {
    this.tag ??= tag;
    const children = tag === this.tag ? this.byValue : (this.others ??= new Map());
    const key = tag === this.tag ? value : `${tag}\u0000${value}`;
    let node = children.get(key);
    if (!node) children.set(key, (node = new TagNode()));
    return node;
  }
}

// Samples wait in arrays, this many at a time, before they are added to their series. Added one by one
// between requests, the tag tree and the series' aggregates were out of the CPU's caches each time,
// and a sample cost several times what it costs in a batch, where they stay warm. A batch is small
// enough that the tag objects it holds die young.
const BATCH = 1024;

/** The output's series, fed on the engine's hot path, where a sample only joins the pending batch. */
export class SeriesTable {
  private readonly tree = new TagNode();
  private readonly byCanonicalKey = new Map<string, SeriesOfTags>();
  private readonly all: Series[] = [];
  private readonly pendingMetrics: (MetricDefinition | undefined)[] = new Array(BATCH).fill(undefined);
  private readonly pendingValues = new Float64Array(BATCH);
  private readonly pendingTags: (Tags | undefined)[] = new Array(BATCH).fill(undefined);
  private pending = 0;

  constructor(private readonly naming: SeriesNaming) {}

  add(metric: MetricDefinition, value: number, tags: Tags): void {
    const i = this.pending;
    this.pendingMetrics[i] = metric;
    this.pendingValues[i] = value;
    this.pendingTags[i] = tags;
    if (++this.pending === BATCH) this.drain();
  }

  private seriesOf(tags: Tags): SeriesOfTags {
    let node = this.tree;
    for (const key in tags) node = node.child(key, tags[key]);
    if (!node.series) {
      const key = canonicalKey(tags);
      let set = this.byCanonicalKey.get(key);
      if (!set) this.byCanonicalKey.set(key, (set = new Map()));
      node.series = set;
    }
    return node.series;
  }

  /** Adds the pending samples to their series, stamped now (a batch waits milliseconds, at most a push interval). */
  private drain(): void {
    const now = Date.now();
    // Samples of one request share a tag object: its series are found once.
    let lastTags: Tags | undefined;
    let set: SeriesOfTags | undefined;
    for (let i = 0; i < this.pending; i++) {
      const tags = this.pendingTags[i] as Tags;
      const metric = this.pendingMetrics[i] as MetricDefinition;
      if (tags !== lastTags) {
        lastTags = tags;
        set = this.seriesOf(tags);
      }
      let series = (set as SeriesOfTags).get(metric);
      if (!series) {
        series = new Series(metric, tags, this.naming);
        (set as SeriesOfTags).set(metric, series);
        this.all.push(series);
      }
      series.add(this.pendingValues[i]);
      series.latest = now;
      this.pendingTags[i] = undefined;
      this.pendingMetrics[i] = undefined;
    }
    this.pending = 0;
  }

  /** The series with samples newer than their last write, each at the time of its latest sample. */
  takeUpdated(): TimeSeries[] {
    this.drain();
    const out: TimeSeries[] = [];
    for (const series of this.all) {
      if (series.latest <= series.written) continue;
      series.written = series.latest;
      out.push(...series.timeseries(series.latest));
    }
    return out;
  }

  /** Every series ever written, each with one sample of `value` at `timestamp` (stale markers). */
  everySeriesAt(timestamp: number, value: number): TimeSeries[] {
    this.drain();
    return this.all.flatMap((series) =>
      series.timeseries(timestamp).map((ts) => ({ labels: ts.labels, samples: [{ value, timestamp }] })),
    );
  }
}
