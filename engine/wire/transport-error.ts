/** A failed request as k6 reports it: its message and k6's error code (k6 docs, "Error codes"). */
export interface TransportError {
  message: string;
  code: number;
}

export const REQUEST_TIMEOUT: TransportError = { message: 'request timeout', code: 1050 };
export const MALFORMED_RESPONSE: TransportError = { message: 'malformed HTTP response', code: 1000 };
// Go reports a connection the server closed before answering as "EOF" (k6's generic code).
export const CLOSED_BEFORE_ANSWER: TransportError = { message: 'EOF', code: 1000 };

const TLS_UNKNOWN_AUTHORITY = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_UNTRUSTED',
]);

/** Maps a Node socket error to the message and code k6 gives the same failure. */
export function transportError(error: Error & { code?: string }, address: string): TransportError {
  const code = error.code ?? '';
  switch (code) {
    case 'ECONNREFUSED':
      return { message: `dial tcp ${address}: connect: connection refused`, code: 1212 };
    case 'ETIMEDOUT':
      return { message: `dial tcp ${address}: i/o timeout`, code: 1211 };
    case 'ECONNRESET':
      return { message: 'read: connection reset by peer', code: 1220 };
    case 'EPIPE':
      return { message: 'write: broken pipe', code: 1201 };
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return { message: `lookup ${address.replace(/:\d+$/, '')}: no such host`, code: 1101 };
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return { message: `tls: certificate is not valid for ${address.replace(/:\d+$/, '')}`, code: 1311 };
    case 'CERT_HAS_EXPIRED':
      return { message: 'x509: certificate has expired or is not yet valid', code: 1300 };
  }
  if (TLS_UNKNOWN_AUTHORITY.has(code)) return { message: 'x509: certificate signed by unknown authority', code: 1310 };
  if (code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS')) return { message: `tls: ${error.message}`, code: 1300 };
  return { message: error.message, code: 1000 };
}
