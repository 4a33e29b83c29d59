import type { HarnessConfig } from '../lib/k6-and-node/harness-config.ts';
import { redacted } from '../lib/k6-and-node/redact.ts';

// The literal secrets the runner was given. Pattern-based redaction (lib/k6-and-node/redact.ts) catches secrets
// by where they sit (a field name, a header, a JWT's shape); this list catches them by value, so a
// secret echoed somewhere unexpected (an error message, a server's reflected body) still never
// reaches out/.

export interface KnownSecret {
  kind: string;
  value: string;
}

// Shorter values would match ordinary text by accident (and a real secret is never this short).
const MIN_LENGTH = 6;

/** The forms a secret travels in besides itself: form-encoded, JSON-escaped, inside HTTP Basic. */
function encodings(kind: string, value: string): KnownSecret[] {
  const forms = new Set([value, encodeURIComponent(value), JSON.stringify(value).slice(1, -1)]);
  return [...forms].map((v) => ({ kind, value: v }));
}

function basicCredentials(clientId: string, clientSecret: string): KnownSecret[] {
  // RFC 6749 §2.3.1: client id and secret are form-encoded before base64; send both spellings.
  const plain = Buffer.from(`${clientId}:${clientSecret}`).toString('base64');
  const encoded = Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64');
  return [...new Set([plain, encoded])].map((value) => ({ kind: 'basic credentials', value }));
}

/** A PEM's base64 body, line by line: a leaked fragment of a key is a leaked key. */
function pemBodyLines(kind: string, pem: string): KnownSecret[] {
  return pem
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length >= 16 && !line.startsWith('-----'))
    .map((value) => ({ kind, value }));
}

export function knownSecrets(config: HarnessConfig): KnownSecret[] {
  const out: KnownSecret[] = [];
  for (const [, client] of Object.entries(config.clients)) {
    if (!client) continue;
    if ('clientSecret' in client) {
      out.push(
        ...encodings('client_secret', client.clientSecret),
        ...basicCredentials(client.clientId, client.clientSecret),
      );
    }
    // private_key_jwt's signing key, and the key of mutual TLS's client certificate (its certificate is public).
    if ('privateKeyPem' in client)
      out.push(...encodings('private_key', client.privateKeyPem), ...pemBodyLines('private_key', client.privateKeyPem));
    if ('privateKeyPassword' in client && client.privateKeyPassword)
      out.push(...encodings('private_key_password', client.privateKeyPassword));
  }
  const idp = config.federation.identityProvider;
  if (idp) out.push(...encodings('private_key', idp.privateKeyPem), ...pemBodyLines('private_key', idp.privateKeyPem));
  if (config.customDomainApiKey) out.push(...encodings('cname-api-key', config.customDomainApiKey));
  for (const user of Object.values(config.users)) {
    if (!user) continue;
    out.push(...encodings('password', user.password));
    if (user.otpSecret) out.push(...encodings('otp_secret', user.otpSecret));
    if (user.recoveryCode) out.push(...encodings('recovery_code', user.recoveryCode));
  }
  // Longest first, so a value is replaced whole before any shorter secret it contains.
  return dedupe(out.filter((s) => s.value.length >= MIN_LENGTH)).sort((a, b) => b.value.length - a.value.length);
}

function dedupe(secrets: KnownSecret[]): KnownSecret[] {
  const seen = new Map<string, KnownSecret>();
  for (const s of secrets) if (!seen.has(s.value)) seen.set(s.value, s);
  return [...seen.values()];
}

/** Replaces every known secret in a text by its redacted form (kind and length). */
export function scrubKnownSecrets(text: string, secrets: readonly KnownSecret[]): string {
  let out = text;
  for (const s of secrets) if (out.includes(s.value)) out = out.split(s.value).join(redacted(s.kind, s.value));
  return out;
}
