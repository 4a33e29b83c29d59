import * as hdr from 'hdr-histogram-js';
import { tag, type K6Point } from './k6-json-points.ts';
import { isControlApi, MEASURED_PHASE } from './measured-phase.ts';

// Latency and rate per endpoint, second by second, from k6's `--out json` points. Only the last few
// seconds are held as histograms: a closed second is reduced to its percentiles and its histogram
// reused, so memory grows with the run's length in seconds, never with its request count.
// What a chart shows is what the tables judge: the measured phase of a load run (its warm-up and
// ramps are only marked), the whole run when it has no phases, and never the local tenant's
// control API, which is the harness talking to its own tenant.

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

export interface PhaseSpan {
  /** The `phase` tag: warmup, ramp-up, measured, ramp-down. */
  name: string;
  /** Seconds since the run's first point: the first second with a point of the phase, and the one after its last. */
  from: number;
  to: number;
}

export interface Timeline {
  /** Epoch ms of the first second. */
  startedAt: number;
  /** The run's phases in time order; empty for a run without phases (conformance). */
  phases: PhaseSpan[];
  /** Measured-phase seconds of each endpoint (every second, for a run without phases). */
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

/** Builds the timeline from the http_req_* points of a run, in one pass alongside other readers. */
export class TimelineBuilder {
  private readonly pool: hdr.Histogram[] = [];
  // Kept apart until the end: whether the run has a measured phase is known only then.
  private readonly measured = new Map<string, EndpointSeries>();
  private readonly unphased = new Map<string, EndpointSeries>();
  private readonly phases = new Map<string, { from: number; to: number }>();
  private first = Infinity;

  add(point: K6Point): void {
    const sec = Math.floor(point.time / 1000);
    if (sec < this.first) this.first = sec;
    const endpoint = tag(point, 'endpoint');
    const phase = tag(point, 'phase');
    if (phase) {
      const span = this.phases.get(phase);
      if (!span) this.phases.set(phase, { from: sec, to: sec });
      else {
        span.from = Math.min(span.from, sec);
        span.to = Math.max(span.to, sec);
      }
    }
    if (!endpoint || isControlApi(endpoint)) return;
    const series = phase === MEASURED_PHASE ? this.measured : phase === undefined ? this.unphased : undefined;
    if (!series) return;
    let s = series.get(endpoint);
    if (!s) series.set(endpoint, (s = new EndpointSeries(this.pool)));
    s.add(point.metric, sec, point.value);
  }

  result(): Timeline {
    const chosen = this.measured.size ? this.measured : this.unphased;
    for (const s of [...this.measured.values(), ...this.unphased.values()]) s.closeBefore(Infinity);
    for (const h of this.pool) h.destroy();
    if (!Number.isFinite(this.first)) return { startedAt: 0, phases: [], endpoints: [] };
    const first = this.first;
    return {
      startedAt: first * 1000,
      phases: [...this.phases.entries()]
        .map(([name, span]) => ({ name, from: span.from - first, to: span.to - first + 1 }))
        .sort((a, b) => a.from - b.from),
      endpoints: [...chosen.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([endpoint, s]) => ({
          endpoint,
          seconds: [...s.closed.values()].sort((a, b) => a.t - b.t).map((row) => ({ ...row, t: row.t - first })),
        })),
    };
  }
}
