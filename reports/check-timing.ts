import { checkResultName, type CheckResultName } from '../lib/k6-and-node/result-protocol.ts';
import { tag, type K6Point } from './k6-json-points.ts';
import { isControlApi, MEASURED_PHASE } from './measured-phase.ts';

// When each check ran, for the reports' per-test start and stop (k6 counts checks, it does not time
// them). A check is judged on the responses of its endpoint and credential method, so its span runs
// from the start of the first request on that cell (a request's point is written when it ends, its
// duration before that) to the last time the check was evaluated (its `checks` points). An
// endpoint's latency is timed by its measured requests, first start to last end.

export interface Span {
  /** Epoch ms. */
  start: number;
  stop: number;
}

const cellKey = (endpoint: string, credential: string | null) => `${endpoint}\u0000${credential ?? 'none'}`;

function widen(spans: Map<string, Span>, key: string, start: number, stop: number): void {
  const span = spans.get(key);
  if (!span) spans.set(key, { start, stop });
  else {
    span.start = Math.min(span.start, start);
    span.stop = Math.max(span.stop, stop);
  }
}

export interface CheckTiming {
  /** From the first request on the check's cell to its last evaluation; undefined when never evaluated. */
  check(c: CheckResultName): Span | undefined;
  /** The measured requests of an endpoint (all of them, for a run without phases). */
  endpoint(endpoint: string): Span | undefined;
}

/** Collects spans from http_req_duration and checks points, in one pass alongside other readers. */
export class CheckTimingBuilder {
  private readonly cells = new Map<string, Span>();
  private readonly checks = new Map<string, Span>();
  private readonly measured = new Map<string, Span>();
  private readonly unphased = new Map<string, Span>();

  add(point: K6Point): void {
    if (point.metric === 'checks') {
      const name = tag(point, 'check');
      if (name) widen(this.checks, name, point.time, point.time);
      return;
    }
    if (point.metric !== 'http_req_duration') return;
    const endpoint = tag(point, 'endpoint');
    if (!endpoint || isControlApi(endpoint)) return;
    const start = point.time - point.value;
    widen(this.cells, cellKey(endpoint, tag(point, 'credential') ?? null), start, point.time);
    const phase = tag(point, 'phase');
    if (phase === MEASURED_PHASE) widen(this.measured, endpoint, start, point.time);
    else if (phase === undefined) widen(this.unphased, endpoint, start, point.time);
  }

  result(): CheckTiming {
    const endpoints = this.measured.size ? this.measured : this.unphased;
    return {
      check: (c) => {
        const evaluated = this.checks.get(checkResultName(c));
        if (!evaluated) return undefined;
        const cell = this.cells.get(cellKey(c.endpoint, c.credential));
        return { start: Math.min(cell?.start ?? evaluated.start, evaluated.start), stop: evaluated.stop };
      },
      endpoint: (endpoint) => endpoints.get(endpoint),
    };
  }
}
