// A Set-Cookie header line read as Go's net/http reads it (k6's client is Go's): the name=value pair,
// then attributes; what the line does not say is left empty (no path or domain defaulted here).

export interface SetCookie {
  name: string;
  value: string;
  /** The Domain attribute without a leading dot, lower-cased; '' when absent. */
  domain: string;
  /** The Path attribute when it is absolute; '' when absent. */
  path: string;
  /** Max-Age in seconds; undefined when absent. */
  maxAge: number | undefined;
  /** Expires as epoch milliseconds; undefined when absent or unreadable. */
  expires: number | undefined;
  secure: boolean;
  httpOnly: boolean;
}

/** The cookie of one Set-Cookie line, or undefined when the line has no name=value pair. */
export function parseSetCookie(line: string): SetCookie | undefined {
  const [pair, ...attributes] = line.split(';');
  const eq = pair.indexOf('=');
  if (eq < 1) return undefined;
  const cookie: SetCookie = {
    name: pair.slice(0, eq).trim(),
    value: pair.slice(eq + 1).trim(),
    domain: '',
    path: '',
    maxAge: undefined,
    expires: undefined,
    secure: false,
    httpOnly: false,
  };
  for (const attribute of attributes) {
    const [rawKey, ...rest] = attribute.split('=');
    const key = rawKey.trim().toLowerCase();
    const value = rest.join('=').trim();
    if (key === 'domain' && value) cookie.domain = value.replace(/^\./, '').toLowerCase();
    else if (key === 'path' && value.startsWith('/')) cookie.path = value;
    else if (key === 'max-age' && /^-?\d+$/.test(value)) cookie.maxAge = Number(value);
    else if (key === 'expires') cookie.expires = Date.parse(value) || undefined;
    else if (key === 'secure') cookie.secure = true;
    else if (key === 'httponly') cookie.httpOnly = true;
  }
  return cookie;
}

/** k6's `res.cookies` entry for a response cookie. */
export interface ResponseCookie {
  name: string;
  value: string;
  domain: string;
  path: string;
  http_only: boolean;
  secure: boolean;
  max_age: number;
  expires: number;
}

/**
 * k6's `res.cookies`: the response's Set-Cookie cookies by name, each name with the list of its
 * cookies. As in k6 (Go's http.Cookie), max_age and expires are 0 when the line does not give them;
 * expires is in epoch milliseconds.
 */
export function responseCookies(lines: string[]): Record<string, ResponseCookie[]> {
  const cookies: Record<string, ResponseCookie[]> = {};
  for (const line of lines) {
    const c = parseSetCookie(line);
    if (!c) continue;
    (cookies[c.name] ??= []).push({
      name: c.name,
      value: c.value,
      domain: c.domain,
      path: c.path,
      http_only: c.httpOnly,
      secure: c.secure,
      max_age: c.maxAge ?? 0,
      expires: c.expires ?? 0,
    });
  }
  return cookies;
}
