// k6's names of TLS versions (lib/netext/tls.go), from Node's ("TLSv1.3" → "tls1.3").
const NAMES: Record<string, string> = {
  TLSv1: 'tls1.0',
  'TLSv1.1': 'tls1.1',
  'TLSv1.2': 'tls1.2',
  'TLSv1.3': 'tls1.3',
};

export const tlsVersionName = (protocol: string | null): string => (protocol && NAMES[protocol]) || '';
