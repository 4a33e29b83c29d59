// Requests that fail on the wire, named as k6 names them (lib/netext/httpext/error_codes.go and the k6
// docs' "Error codes"): k6 gives a known failure a code and a short message of its own, and an
// unknown one code 1000 and the text Go's client gave it.
import { receivedAlert, tlsAlertText } from './tls-alert.ts';

/**
 * A failed request as k6 reports it: `message` is what `res.error` and the `error` tag show, `code` is
 * `res.error_code`, and `cause` is the failure as Go's client words it, which k6's "Request Failed"
 * warning shows after the method and URL.
 */
export interface TransportError {
  message: string;
  code: number;
  cause: string;
}

const failure = (code: number, message: string, cause = message): TransportError => ({ code, message, cause });

/** The answer did not arrive within the request's timeout. */
export const REQUEST_TIMEOUT = failure(1050, 'request timeout');
/** The connection was not made within the request's timeout, or k6's dial limit of 30 s. */
export const DIAL_TIMEOUT = failure(1211, 'dial: i/o timeout');
export const MALFORMED_RESPONSE = failure(1000, 'malformed HTTP response');
// Go reports a connection the server closed before answering as "EOF", and one it closed mid-answer as
// "unexpected EOF" (k6's generic code for both).
export const CLOSED_BEFORE_ANSWER = failure(1000, 'EOF');
export const CLOSED_MID_ANSWER = failure(1000, 'unexpected EOF');

/** A request Go's client refuses to send (an invalid method or header). */
export function refusedToSend(reason: string): TransportError {
  return failure(1000, reason);
}

/** A body its Content-Encoding does not decode. */
export function undecodableBody(reason: string): TransportError {
  return failure(1701, `error decompressing response body (${reason})`);
}

/** Where a connection's socket was, as Go names it in an error: `host:port`, IPv6 in brackets. */
export interface SocketEnds {
  /** The host dialled (a name or an address). */
  host: string;
  remote?: string;
  local?: string;
}

/** `host:port`, as Go's net.JoinHostPort writes it. */
export function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

const TLS_UNKNOWN_AUTHORITY = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_UNTRUSTED',
]);

// Go's texts for the dial errors k6 reports with their errno (code 1213).
const DIAL_ERRNO_TEXT: Record<string, [number, string]> = {
  EHOSTUNREACH: [113, 'no route to host'],
  ENETUNREACH: [101, 'network is unreachable'],
  EADDRNOTAVAIL: [99, 'cannot assign requested address'],
  EACCES: [13, 'permission denied'],
};

/** Maps a Node socket error to the failure k6 reports for the same one. */
export function transportError(error: Error & { code?: string; syscall?: string }, ends: SocketEnds): TransportError {
  const code = error.code ?? '';
  const remote = ends.remote ?? ends.host;
  // Go's net.OpError: "read tcp 127.0.0.1:50000->127.0.0.1:8080: read: connection reset by peer".
  const onSocket = (op: string, text: string) =>
    `${op} tcp ${ends.local ? `${ends.local}->` : ''}${remote}: ${op}: ${text}`;
  switch (code) {
    case 'ECONNREFUSED':
      return failure(1212, 'dial: connection refused', `dial tcp ${remote}: connect: connection refused`);
    case 'ETIMEDOUT':
      return failure(1211, 'dial: i/o timeout', `dial tcp ${remote}: i/o timeout`);
    case 'ECONNRESET': {
      const op = error.syscall === 'write' ? 'write' : 'read';
      return failure(1220, `${op}: connection reset by peer`, onSocket(op, 'connection reset by peer'));
    }
    case 'EPIPE':
      return failure(1201, 'write: broken pipe', onSocket('write', 'broken pipe'));
    case 'ENOTFOUND':
    case 'EAI_NONAME':
    case 'EAI_NODATA':
      return failure(1101, 'lookup: no such host', `lookup ${ends.host}: no such host`);
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
      return failure(1100, `lookup ${ends.host}: server misbehaving`);
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return failure(
        1311,
        "x509: certificate doesn't match hostname",
        `tls: failed to verify certificate: x509: certificate is not valid for ${ends.host}`,
      );
    case 'CERT_HAS_EXPIRED':
    case 'CERT_NOT_YET_VALID':
      return failure(
        1000,
        'x509: certificate has expired or is not yet valid',
        'tls: failed to verify certificate: x509: certificate has expired or is not yet valid',
      );
    // An https:// request answered in plain HTTP.
    case 'ERR_SSL_WRONG_VERSION_NUMBER':
      return failure(1301, 'tls: first record does not look like a TLS handshake');
  }
  if (TLS_UNKNOWN_AUTHORITY.has(code))
    return failure(
      1310,
      'x509: unknown authority',
      'tls: failed to verify certificate: x509: certificate signed by unknown authority',
    );
  const dialErrno = DIAL_ERRNO_TEXT[code];
  if (dialErrno && error.syscall === 'connect')
    return failure(
      1213,
      `dial: unknown errno ${dialErrno[0]} error with msg \`${dialErrno[1]}\``,
      `dial tcp ${remote}: connect: ${dialErrno[1]}`,
    );
  // An alert from the server is Go's net.OpError "remote error", whose Net is not tcp: k6's code 1010.
  const alert = receivedAlert(error);
  if (alert !== undefined) return failure(1010, `remote error: ${tlsAlertText(alert)}`);
  if (code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS')) return failure(1000, `tls: ${error.message}`);
  return failure(1000, error.message);
}
