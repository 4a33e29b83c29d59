import type { DialInstants, RequestInstants } from './request-timings.ts';
import { wireTarget, type WireTarget } from './wire-target.ts';
import type { WireRequest, WireResponse } from './wire-types.ts';

const NO_HEADERS: string[] = [];

/**
 * One request on the wire, from its dispatch to its answer: where it goes, the instants its timings
 * are cut from, and the answer as it is parsed.
 */
export class InFlightRequest implements RequestInstants {
  /** The connection this request dialled itself, whose set-up times are its own. */
  dialled: DialInstants | undefined;
  writeAt = 0;
  sentAt = 0;
  firstByteAt = 0;
  lastReadAt = 0;
  status = 0;
  statusText = '';
  rawHeaders = NO_HEADERS;
  chunks: Buffer[] = [];
  sentBytes = 0;
  received = 0;
  keepAlive = false;
  /** A 1xx answer (Early Hints, Continue) was read: the real one follows. */
  interim = false;
  /** Sent again on a fresh connection after a kept-alive one closed under it. */
  retried = false;
  settled = false;
  readonly deadline: number;
  /** Where it goes, read from the URL once for the pool key, the dial and the request head. */
  readonly target: WireTarget;

  constructor(
    readonly request: WireRequest,
    readonly answered: (response: WireResponse) => void,
    readonly startedAt: number,
  ) {
    this.deadline = startedAt + request.timeoutMs;
    this.target = wireTarget(request.url);
  }
}
