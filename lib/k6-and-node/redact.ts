// Secrets never reach a log line, a report or an attachment. A redacted value keeps its kind and
// length, so a reader can still tell an empty secret from a 64-character one.

export function redacted(kind: string, value: string): string {
  return `[redacted ${kind}, ${value.length} chars]`;
}

// Parameter and JSON field names whose values are secrets, with the kind shown once redacted.
const SECRET_FIELDS: Record<string, string> = {
  client_secret: 'client_secret',
  password: 'password',
  client_assertion: 'client_assertion',
  assertion: 'assertion',
  access_token: 'access_token',
  id_token: 'id_token',
  refresh_token: 'refresh_token',
  id_token_hint: 'id_token',
  subject_token: 'subject_token',
  actor_token: 'actor_token',
  code: 'code',
  code_verifier: 'code_verifier',
  device_code: 'device_code',
  auth_req_id: 'auth_req_id',
  mfa_token: 'mfa_token',
  otp: 'otp',
  oob_code: 'oob_code',
  binding_code: 'binding_code',
  recovery_code: 'recovery_code',
  login_ticket: 'login_ticket',
  co_verifier: 'co_verifier',
  token: 'token',
  private_key: 'private_key',
  privateKeyPem: 'private_key',
  clientSecret: 'client_secret',
  secret: 'secret',
  authenticator_secret: 'secret',
  barcode_uri: 'secret',
  SAMLResponse: 'saml_response',
  wresult: 'wsfed_token',
};

const SECRET_HEADERS: Record<string, string> = {
  authorization: 'authorization',
  'proxy-authorization': 'authorization',
  'cname-api-key': 'cname-api-key',
  'client-certificate': 'client_certificate',
  cookie: 'cookie',
  'set-cookie': 'cookie',
  dpop: 'dpop_proof',
};

const JWT = /eyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*/g;
const PEM = /-----BEGIN [A-Z ]+-----[\s\S]*?-----END [A-Z ]+-----/g;
// A PEM cut short (a truncated log line or message) still carries key material after its header.
const PEM_HEAD = /-----BEGIN [A-Z ]*PRIVATE KEY-----[A-Za-z0-9+/=\s\\n]*/g;

// Secret fields quoted in free text (an error message echoing a request, a stringified object):
// `client_secret=…` and `"password":"…"`. A bare `password: …` is left alone: in prose it is a label
// ("access_token: missing"), not a value. `code`, `token` and `secret` are left out too: in prose
// they are far more often words or error codes, and real codes travel in bodies and URLs, which
// redactBody and redactUrl handle with their context.
const FREE_TEXT_FIELDS = Object.keys(SECRET_FIELDS).filter((k) => k !== 'code' && k !== 'token' && k !== 'secret');
const VALUE = `(?:"([^"]*)"|'([^']*)'|([^"'&\\s,;}]+))`;
const FIELD_IN_TEXT = new RegExp(
  `(?:(["'])(${FREE_TEXT_FIELDS.join('|')})\\1\\s*:|\\b(${FREE_TEXT_FIELDS.join('|')})=)\\s*${VALUE}`,
  'g',
);

// A value redacted before, as is or form-encoded: redacting it again would lose the original length.
const ALREADY_REDACTED = /^(\[|%5B)redacted/i;

/** Redacts JWTs, PEM blocks and `secret_field=value` pairs wherever they appear in free text. */
export function redactText(text: string): string {
  return text
    .replace(PEM, (m) => redacted('pem', m))
    .replace(PEM_HEAD, (m) => redacted('pem', m))
    .replace(JWT, (m) => redacted('jwt', m))
    .replace(
      FIELD_IN_TEXT,
      (m, _q?: string, quotedKey?: string, bareKey?: string, dq?: string, sq?: string, bare?: string) => {
        const value = dq ?? sq ?? bare ?? '';
        if (ALREADY_REDACTED.test(value)) return m;
        const kind = SECRET_FIELDS[(quotedKey ?? bareKey) as string];
        const start = m.length - (dq !== undefined || sq !== undefined ? value.length + 2 : value.length);
        const quote = dq !== undefined ? '"' : sq !== undefined ? "'" : '';
        return `${m.slice(0, start)}${quote}${redacted(kind, value)}${quote}`;
      },
    );
}

export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(headers)) {
    const kind = SECRET_HEADERS[name.toLowerCase()];
    const value = headers[name];
    if (!kind) out[name] = redactText(value);
    else if (kind === 'authorization' && /^[A-Za-z][\w-]* \S/.test(value)) {
      // Keep the scheme (Basic, Bearer, DPoP): it tells which credential method was used.
      const scheme = value.split(' ')[0];
      out[name] = `${scheme} ${redacted(`${scheme.toLowerCase()} credentials`, value.slice(scheme.length + 1))}`;
    } else out[name] = redacted(kind, value);
  }
  return out;
}

// In JSON, `code` is usually an error code (shape B: `{"code":"user_exists"}`), a secret only in a
// token request that also carries grant_type.
function isSecretJsonField(key: string, parent: Record<string, unknown>): boolean {
  if (key === 'code') return 'grant_type' in parent;
  return SECRET_FIELDS[key] !== undefined;
}

function redactJsonValue(value: unknown): unknown {
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) return value.map((v) => redactJsonValue(v));
  if (value && typeof value === 'object') {
    const parent = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(parent)) {
      out[k] =
        typeof v === 'string' && isSecretJsonField(k, parent) ? redacted(SECRET_FIELDS[k], v) : redactJsonValue(v);
    }
    return out;
  }
  return value;
}

// A malformed %-escape must not make redaction throw (and so lose the whole finding).
function decodeParam(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

function redactParams(text: string): string {
  return text
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return pair;
      const key = decodeParam(pair.slice(0, eq));
      const kind = SECRET_FIELDS[key];
      if (!kind) return redactText(pair);
      const value = decodeParam(pair.slice(eq + 1));
      return `${pair.slice(0, eq)}=${encodeURIComponent(redacted(kind, value))}`;
    })
    .join('&');
}

/** Redacts a request or response body: JSON fields, form parameters, and JWTs/PEMs in any text. */
export function redactBody(body: string): string {
  const trimmed = body.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.stringify(redactJsonValue(JSON.parse(trimmed)));
    } catch {
      // not JSON after all: fall through to the text rules
    }
  }
  if (/^[\w.%+-]+=[^\s]*(&[\w.%+-]+=[^\s]*)*$/.test(trimmed)) return redactParams(trimmed);
  return redactText(body);
}

/** Redacts secret query and fragment parameters of a URL (codes and tokens in redirects). */
export function redactUrl(url: string): string {
  return url.replace(/([?#])([^#]*)/g, (_m, mark: string, params: string) => mark + redactParams(params));
}
