// The PEM blocks in a file (RFC 7468): a key or certificate file is looked at by its labels first,
// so a public key or a certificate given where a private key belongs is named for what it is.

export interface PemBlock {
  /** `PRIVATE KEY`, `RSA PRIVATE KEY`, `CERTIFICATE`, … */
  label: string;
  /** The whole block, BEGIN and END lines included. */
  text: string;
}

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g;

export function pemBlocks(text: string): PemBlock[] {
  return [...text.matchAll(BLOCK)].map((m) => ({ label: m[1], text: m[0] }));
}

/** What a block holds, in words: "a public key", "a certificate", … */
function pemContentName(label: string): string {
  if (label.includes('PRIVATE KEY')) return 'a private key';
  if (label.includes('PUBLIC KEY')) return 'a public key';
  if (label.includes('CERTIFICATE REQUEST')) return 'a certificate signing request';
  if (label.includes('CERTIFICATE')) return 'a certificate';
  return `a PEM block labelled ${label}`;
}

/** A list of what the blocks hold, for a sentence: "a certificate and a public key". */
export function pemContentsName(blocks: readonly PemBlock[]): string {
  const names = [...new Set(blocks.map((b) => pemContentName(b.label)))];
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
