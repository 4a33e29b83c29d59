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
export function trendStatSuffix(stat: string): string {
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
  /** When the latest sample arrived (ms since the epoch). */
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
 * set costs a few lookups of short strings rather than building its text. A leaf leads to the tag set's
 * series, shared by every order of the same tags.
 */
class TagNode {
  private readonly children = new Map<string, Map<string, TagNode>>();
  series: SeriesOfTags | undefined;

  child(key: string, value: string): TagNode {
    let byValue = this.children.get(key);
    if (!byValue) this.children.set(key, (byValue = new Map()));
    let node = byValue.get(value);
    if (!node) byValue.set(value, (node = new TagNode()));
    return node;
  }
}

/**
 * The output's series, fed on the engine's hot path. Samples of one request share a tag object, so the
 * tag set is looked up once per request (and the clock read once), then each sample costs a map lookup
 * by metric and an add.
 */
export class SeriesTable {
  private readonly tree = new TagNode();
  private readonly byCanonicalKey = new Map<string, SeriesOfTags>();
  private lastTags: Tags | undefined;
  private lastSet: SeriesOfTags | undefined;
  private lastTagsTime = 0;
  private readonly all: Series[] = [];

  constructor(private readonly naming: SeriesNaming) {}

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

  add(metric: MetricDefinition, value: number, tags: Tags): void {
    if (tags !== this.lastTags) {
      this.lastTags = tags;
      this.lastSet = this.seriesOf(tags);
      this.lastTagsTime = Date.now();
    }
    const set = this.lastSet as SeriesOfTags;
    let series = set.get(metric);
    if (!series) {
      series = new Series(metric, tags, this.naming);
      set.set(metric, series);
      this.all.push(series);
    }
    series.add(value);
    series.latest = this.lastTagsTime;
  }

  /** The series with samples newer than their last write, each at the time of its latest sample. */
  takeUpdated(): TimeSeries[] {
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
    return this.all.flatMap((series) =>
      series.timeseries(timestamp).map((ts) => ({ labels: ts.labels, samples: [{ value, timestamp }] })),
    );
  }
}
