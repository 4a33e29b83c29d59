// k6's `res.request`: the request as it was sent (its last hop, after redirects).

/** A cookie the request sent, as k6 lists it (`replace` is always false there). */
export interface SentCookie {
  name: string;
  value: string;
  replace: boolean;
}

/** The cookies of a Cookie header by name, as Go's Request.Cookies() reads them. */
function parseCookieHeader(header: string | undefined): Record<string, SentCookie[]> {
  const cookies: Record<string, SentCookie[]> = {};
  if (!header) return cookies;
  for (const part of header.split(';')) {
    const pair = part.trim();
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const name = pair.slice(0, eq);
    let value = pair.slice(eq + 1);
    // Go accepts a double-quoted value and gives it without its quotes.
    if (value.length > 1 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    (cookies[name] ??= []).push({ name, value, replace: false });
  }
  return cookies;
}

/**
 * `res.request` as k6 gives it: `headers` maps each name to its values, as Go's http.Header does,
 * and `cookies` lists the cookies the Cookie header carried. Both are worked out when a script
 * first reads them: most scripts never do, and a load test makes this object for every request.
 */
export class SentRequest {
  body = '';
  private headerValues: Record<string, string[]> | undefined;
  private sentCookies: Record<string, SentCookie[]> | undefined;

  constructor(
    readonly method: string,
    readonly url: string,
    private readonly sentHeaders: Record<string, string>,
  ) {}

  get headers(): Record<string, string[]> {
    if (!this.headerValues) {
      const values: Record<string, string[]> = {};
      for (const name in this.sentHeaders) values[name] = [this.sentHeaders[name]];
      this.headerValues = values;
    }
    return this.headerValues;
  }

  get cookies(): Record<string, SentCookie[]> {
    return (this.sentCookies ??= parseCookieHeader(this.sentHeaders.Cookie));
  }

  /** What JSON.stringify(res.request) shows, the getters' values included. */
  toJSON() {
    return { method: this.method, url: this.url, headers: this.headers, body: this.body, cookies: this.cookies };
  }
}
