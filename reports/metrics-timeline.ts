import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { constants, createGunzip } from 'node:zlib';
import * as hdr from 'hdr-histogram-js';

// Latency and rate per endpoint, second by second, from k6's `--out json` lines (Metric and Point
// records; test/fixtures/k6-reference/out-json-head.ndjson). Real k6 and the local engine both write
// them. A load run writes millions of points, so the file is parsed as a stream, and only the last
// few seconds are held as histograms: a closed second is reduced to its percentiles and its
// histogram reused. Memory grows with the run's length in seconds, never with its request count.

export const RAW_METRICS_FILE = 'metrics.ndjson.gz';

export interface TimelineSecond {
  /** Seconds since the run's first point. */
  t: number;
  requests: number;
  /** Requests with an unexpected status (k6's http_req_failed). */
  errors: number;
  /** Latency percentiles (http_req_duration) of the requests that ended in this second, in ms. */
  p50: number;
  p95: number;
  p99: number;
}

export interface EndpointTimeline {
  endpoint: string;
  seconds: TimelineSecond[];
}

export interface Timeline {
  /** Epoch ms of the first second. */
  startedAt: number;
  endpoints: EndpointTimeline[];
}

// Points reach the file in flush batches, not strictly in time order: a second stays open this long
// after a later one was seen. A point for a second already closed still counts in its request and
// error totals; only its latency is lost to the percentiles.
const OPEN_SECONDS = 5;
const MICROS_PER_MS = 1000;

interface OpenSecond {
  requests: number;
  errors: number;
  latency: hdr.Histogram;
}

const newHistogram = () =>
  hdr.build({ bitBucketSize: 32, numberOfSignificantValueDigits: 3, lowestDiscernibleValue: 1, autoResize: true });

class EndpointSeries {
  readonly open = new Map<number, OpenSecond>();
  readonly closed = new Map<number, TimelineSecond>();
  newest = -Infinity;
  constructor(private readonly pool: hdr.Histogram[]) {}

  private second(sec: number): OpenSecond | TimelineSecond {
    const closed = this.closed.get(sec);
    if (closed) return closed;
    let open = this.open.get(sec);
    if (!open) {
      open = { requests: 0, errors: 0, latency: this.pool.pop() ?? newHistogram() };
      this.open.set(sec, open);
      if (sec > this.newest) {
        this.newest = sec;
        this.closeBefore(sec - OPEN_SECONDS);
      }
    }
    return open;
  }

  add(metric: string, sec: number, value: number): void {
    const s = this.second(sec);
    if (metric === 'http_reqs') s.requests += value;
    else if (metric === 'http_req_failed') s.errors += value;
    else if ('latency' in s) s.latency.recordValue(Math.max(1, Math.round(value * MICROS_PER_MS)));
  }

  closeBefore(limit: number): void {
    for (const [sec, open] of this.open) {
      if (sec >= limit) continue;
      const h = open.latency;
      const at = (p: number) => (h.totalCount ? h.getValueAtPercentile(p) / MICROS_PER_MS : 0);
      this.closed.set(sec, {
        t: sec,
        requests: open.requests,
        errors: open.errors,
        p50: at(50),
        p95: at(95),
        p99: at(99),
      });
      h.reset();
      this.pool.push(h);
      this.open.delete(sec);
    }
  }
}

// A Point line of the metrics we chart. Points are read with targeted patterns rather than
// JSON.parse: they are flat records k6 writes by the million, and the patterns read them about twice
// as fast. Tags are JSON strings, so an endpoint with an escape in it is unescaped as JSON.
const WANTED = /"metric":"(http_req_duration|http_reqs|http_req_failed)"/;
const TIME = /"time":"([^"]+)"/;
const VALUE = /"value":(-?[\d.eE+-]+)/;
const ENDPOINT = /"endpoint":"((?:[^"\\]|\\.)*)"/;
const ZONE = /(Z|[+-]\d\d:\d\d)$/;

/** Epoch second of a k6 timestamp; the previous answer is kept, as consecutive points share seconds. */
function secondOf(): (time: string) => number {
  let lastKey = '';
  let lastSecond = NaN;
  return (time) => {
    // "2026-11-27T19:35:44.710396726Z" or "…44.71+01:00": the second and the zone make the key
    const key = time.slice(0, 19) + (ZONE.exec(time)?.[1] ?? '');
    if (key !== lastKey) {
      lastKey = key;
      lastSecond = Math.floor(Date.parse(time) / 1000);
    }
    return lastSecond;
  };
}

/**
 * Reads a k6 JSON output file (gzipped or plain) into per-endpoint timelines, keyed on the
 * `endpoint` tag our requests carry. Returns undefined when there is no file (an engine without
 * `--out json`): the reports then simply have no chart.
 */
export async function readTimeline(file: string): Promise<Timeline | undefined> {
  if (!existsSync(file)) return undefined;
  const pool: hdr.Histogram[] = [];
  const series = new Map<string, EndpointSeries>();
  let first = Infinity;
  const second = secondOf();
  const raw = createReadStream(file);
  // An interrupted run leaves the gzip stream unterminated: a sync flush yields what it holds.
  const input = file.endsWith('.gz') ? raw.pipe(createGunzip({ finishFlush: constants.Z_SYNC_FLUSH })) : raw;
  try {
    for await (const line of createInterface({ input, crlfDelay: Infinity })) {
      if (!line.includes('"Point"')) continue;
      const metric = WANTED.exec(line)?.[1];
      const rawEndpoint = metric && ENDPOINT.exec(line)?.[1];
      const time = rawEndpoint && TIME.exec(line)?.[1];
      const value = time ? Number(VALUE.exec(line)?.[1]) : NaN;
      // a line cut short (the last of an interrupted run) or a point without our tag is skipped
      if (!metric || !rawEndpoint || !time || !Number.isFinite(value)) continue;
      const sec = second(time);
      if (!Number.isFinite(sec)) continue;
      const endpoint = rawEndpoint.includes('\\') ? (JSON.parse(`"${rawEndpoint}"`) as string) : rawEndpoint;
      if (sec < first) first = sec;
      let s = series.get(endpoint);
      if (!s) series.set(endpoint, (s = new EndpointSeries(pool)));
      s.add(metric, sec, value);
    }
  } catch {
    // A corrupt stream: the chart shows what was readable before the damage.
  }
  for (const s of series.values()) s.closeBefore(Infinity);
  for (const h of pool) h.destroy();
  if (!series.size) return { startedAt: 0, endpoints: [] };
  return {
    startedAt: first * 1000,
    endpoints: [...series.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([endpoint, s]) => ({
        endpoint,
        seconds: [...s.closed.values()].sort((a, b) => a.t - b.t).map((row) => ({ ...row, t: row.t - first })),
      })),
  };
}
