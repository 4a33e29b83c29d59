import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import { constants, createGzip, type Gzip } from 'node:zlib';
import type { Tags } from '../metrics/metric-type.ts';
import type { MetricDefinition, MetricRegistry } from '../metrics/registry.ts';

// Lines are gathered and written in chunks of about this many characters.
const FLUSH_AT = 256 * 1024;

/** k6's RFC 3339 timestamps with nanosecond digits, cheap to produce per sample. */
class Clock {
  private second = -1;
  private prefix = '';

  now(): string {
    const ms = performance.timeOrigin + performance.now();
    const second = Math.floor(ms / 1000);
    if (second !== this.second) {
      this.second = second;
      this.prefix = new Date(second * 1000).toISOString().slice(0, 19);
    }
    const nanos = Math.floor((ms - second * 1000) * 1e6);
    return `${this.prefix}.${String(nanos).padStart(9, '0')}Z`;
  }
}

/**
 * `--out json=<file>`: k6's JSON lines, a Metric record the first time a metric is seen and one Point
 * per sample. A file name ending in `.gz` is gzip-compressed as k6 does (at the fastest level: the
 * output must never slow the test down).
 */
export class JsonOutput {
  private readonly file: WriteStream;
  private readonly gzip: Gzip | undefined;
  private readonly announced = new Set<string>();
  private readonly clock = new Clock();
  private buffer = '';
  private closing: Promise<void> | undefined;
  private lastTags: Tags | undefined;
  private lastTagsJson = '';

  constructor(
    target: string,
    private readonly registry: MetricRegistry,
    private readonly thresholds: Record<string, unknown[]>,
  ) {
    mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
    this.file = createWriteStream(target);
    if (target.endsWith('.gz')) {
      this.gzip = createGzip({ level: constants.Z_BEST_SPEED });
      this.gzip.pipe(this.file);
    }
    registry.onSample((metric, value, tags) => this.sample(metric, value, tags));
  }

  private sample(metric: MetricDefinition, value: number, tags: Tags): void {
    if (!this.announced.has(metric.name)) this.announce(metric);
    if (tags !== this.lastTags) {
      this.lastTags = tags;
      this.lastTagsJson = tagsJson(tags);
    }
    this.buffer += `{"metric":${JSON.stringify(metric.name)},"type":"Point","data":{"time":"${this.clock.now()}","value":${value},"tags":${this.lastTagsJson}}}\n`;
    if (this.buffer.length >= FLUSH_AT) this.flush();
  }

  private announce(metric: MetricDefinition): void {
    this.announced.add(metric.name);
    const subs = this.registry.submetricsOf(metric.name);
    const thresholds = (this.thresholds[metric.name] ?? []).map((t) =>
      typeof t === 'string' ? t : (t as { threshold: string }).threshold,
    );
    const data = {
      name: metric.name,
      type: metric.type,
      contains: metric.contains,
      thresholds,
      submetrics: subs.length ? subs.map((s) => ({ name: s.name, suffix: s.suffix, tags: s.tags })) : null,
    };
    this.buffer += `${JSON.stringify({ type: 'Metric', data, metric: metric.name })}\n`;
  }

  private flush(): void {
    if (!this.buffer) return;
    (this.gzip ?? this.file).write(this.buffer);
    this.buffer = '';
  }

  /** Writes what is left and closes the file. */
  close(): Promise<void> {
    this.closing ??= new Promise((resolve, reject) => {
      this.flush();
      this.file.once('close', resolve);
      this.file.once('error', reject);
      (this.gzip ?? this.file).end();
    });
    return this.closing;
  }
}

/** A sample's tags as k6 writes them: a Go map, which encoding/json writes with its keys sorted. */
function tagsJson(tags: Tags): string {
  const keys = Object.keys(tags).sort();
  let json = '{';
  for (let i = 0; i < keys.length; i++)
    json += `${i ? ',' : ''}${JSON.stringify(keys[i])}:${JSON.stringify(tags[keys[i]])}`;
  return `${json}}`;
}
