import { tag, type K6Point } from './k6-json-points.ts';
import { isControlApi, MEASURED_PHASE } from './measured-phase.ts';

// The responses k6 counted as failed requests (http_req_failed: a status the request did not
// expect, or no response at all), by what a reader needs to find the cause: endpoint, credential
// method, flow and status. A crossed `http_req_failed` threshold names a rate; these name the
// requests behind it.

export interface UnexpectedResponse {
  endpoint: string;
  credential: string;
  /** The load flow (the `flow` tag), absent outside the load suite. */
  flow?: string;
  /** HTTP status; 0 when no response arrived (a transport error). */
  status: number;
  /** k6's error code (`error_code` tag), e.g. 1403 for a 403 or 1211 for a dial timeout. */
  errorCode?: string;
  /** k6's error text (`error` tag), for a transport error. */
  error?: string;
  count: number;
}

/** Collects failed-request points, measured phase only (the whole run when it has no phases). */
export class UnexpectedResponsesBuilder {
  private readonly measured = new Map<string, UnexpectedResponse>();
  private readonly unphased = new Map<string, UnexpectedResponse>();
  private measuredSeen = false;

  add(point: K6Point): void {
    if (point.metric !== 'http_req_failed') return;
    const phase = tag(point, 'phase');
    if (phase === MEASURED_PHASE) this.measuredSeen = true;
    if (point.value !== 1) return;
    const endpoint = tag(point, 'endpoint');
    if (!endpoint || isControlApi(endpoint)) return;
    const into = phase === MEASURED_PHASE ? this.measured : phase === undefined ? this.unphased : undefined;
    if (!into) return;
    const seen: Omit<UnexpectedResponse, 'count'> = {
      endpoint,
      credential: tag(point, 'credential') ?? 'none',
      flow: tag(point, 'flow'),
      status: Number(tag(point, 'status') ?? 0),
      errorCode: tag(point, 'error_code'),
      error: tag(point, 'error'),
    };
    const key = JSON.stringify(seen);
    const row = into.get(key);
    if (row) row.count++;
    else into.set(key, { ...seen, count: 1 });
  }

  result(): UnexpectedResponse[] {
    const chosen = this.measuredSeen ? this.measured : this.unphased;
    return [...chosen.values()].sort((a, b) => a.endpoint.localeCompare(b.endpoint) || b.count - a.count);
  }
}
