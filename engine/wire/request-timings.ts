// k6's timing phases of a request (`res.timings`, the http_req_* trends), cut from the instants the
// wire noted on its way.

/** k6's timing phases of one request, in milliseconds; duration is sending + waiting + receiving. */
export interface Timings {
  blocked: number;
  connecting: number;
  tls_handshaking: number;
  sending: number;
  waiting: number;
  receiving: number;
  duration: number;
}

/** The set-up instants of a connection a request dialled itself (performance.now(); 0 until reached). */
export interface DialInstants {
  readonly tls: boolean;
  readonly dialAt: number;
  /** Name resolution done (never reached for an IP address). */
  readonly lookupAt: number;
  readonly connectedAt: number;
  readonly secureAt: number;
}

/** The instants of one request (performance.now(); 0 until reached). */
export interface RequestInstants {
  readonly startedAt: number;
  /** The connection the request dialled; undefined when it reused a kept-alive one. */
  readonly dialled: DialInstants | undefined;
  /** The request head went to the socket. */
  readonly writeAt: number;
  /** The kernel took the request's last byte. */
  readonly sentAt: number;
  readonly firstByteAt: number;
  /** The read that brought the answer's last bytes. */
  readonly lastReadAt: number;
}

/**
 * k6's phases of a request that ended at `endAt`: blocked until the dial starts (after name resolution,
 * as Go's trace reports it) or, on a kept-alive connection, until the head is written; connecting is
 * the TCP set-up, tls_handshaking the TLS one; sending runs to the last byte taken, waiting to the first
 * byte of the answer, receiving to the read that brought its last. A phase a failed request never
 * reached ends where the request ended.
 */
export function requestTimings(r: RequestInstants, endAt: number): Timings {
  let blocked: number;
  let connecting = 0;
  let tlsHandshaking = 0;
  const dial = r.dialled;
  if (dial) {
    const dialStart = dial.lookupAt || dial.dialAt;
    blocked = Math.max(0, dialStart - r.startedAt);
    connecting = (dial.connectedAt || endAt) - dialStart;
    if (dial.tls && dial.connectedAt) tlsHandshaking = (dial.secureAt || endAt) - dial.connectedAt;
  } else {
    blocked = (r.writeAt || endAt) - r.startedAt;
  }
  const writeAt = r.writeAt || endAt;
  const firstByteAt = r.firstByteAt || endAt;
  // An answer can arrive before the kernel reported the request's last byte taken: sending ends then.
  const sentAt = Math.min(r.sentAt || (r.writeAt ? firstByteAt : writeAt), firstByteAt);
  const sending = sentAt - writeAt;
  const waiting = firstByteAt - sentAt;
  const receiving = endAt - firstByteAt;
  return {
    blocked,
    connecting,
    tls_handshaking: tlsHandshaking,
    sending,
    waiting,
    receiving,
    duration: sending + waiting + receiving,
  };
}
