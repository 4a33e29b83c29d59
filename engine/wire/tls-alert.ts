// TLS alerts by their number on the wire, worded as Go's crypto/tls words them (alert.go): a request
// the server ended with an alert fails in k6 with "remote error: tls: <text>".
const ALERT_TEXT: Record<number, string> = {
  0: 'close notify',
  10: 'unexpected message',
  20: 'bad record MAC',
  21: 'decryption failed',
  22: 'record overflow',
  30: 'decompression failure',
  40: 'handshake failure',
  42: 'bad certificate',
  43: 'unsupported certificate',
  44: 'revoked certificate',
  45: 'expired certificate',
  46: 'unknown certificate',
  47: 'illegal parameter',
  48: 'unknown certificate authority',
  49: 'access denied',
  50: 'error decoding message',
  51: 'error decrypting message',
  60: 'export restriction',
  70: 'protocol version not supported',
  71: 'insufficient security level',
  80: 'internal error',
  86: 'inappropriate fallback',
  90: 'user canceled',
  100: 'no renegotiation',
  109: 'missing extension',
  110: 'unsupported extension',
  111: 'certificate unobtainable',
  112: 'unrecognized name',
  113: 'bad certificate status response',
  114: 'bad certificate hash value',
  115: 'unknown PSK identity',
  116: 'certificate required',
  120: 'no application protocol',
  121: 'encrypted client hello required',
};

/** Go's text for alert `number`: "tls: certificate required", or "tls: alert(N)" for one it does not name. */
export const tlsAlertText = (number: number): string => `tls: ${ALERT_TEXT[number] ?? `alert(${number})`}`;

/** The number of the alert a Node TLS error reports receiving ("… SSL alert number 116"), if it is one. */
export function receivedAlert(error: { code?: string; message: string }): number | undefined {
  if (!/^ERR_SSL_.*_ALERT_/.test(error.code ?? '')) return undefined;
  const number = /SSL alert number (\d+)/.exec(error.message)?.[1];
  return number === undefined ? undefined : Number(number);
}
