// k6's per-VU cookie jar, the basics: cookies from Set-Cookie are kept per domain and path, sent back
// on matching requests, and scripts can set, read, delete and clear them (http.cookieJar()).

interface StoredCookie {
  name: string;
  value: string;
  domain: string;
  hostOnly: boolean;
  path: string;
  expiresAt: number;
  secure: boolean;
}

function domainMatches(cookie: StoredCookie, host: string): boolean {
  if (cookie.hostOnly) return host === cookie.domain;
  return host === cookie.domain || host.endsWith(`.${cookie.domain}`);
}

function pathMatches(cookiePath: string, requestPath: string): boolean {
  return requestPath === cookiePath || requestPath.startsWith(cookiePath.endsWith('/') ? cookiePath : `${cookiePath}/`);
}

export class CookieJar {
  private cookies: StoredCookie[] = [];

  /** Stores the cookies of a response's Set-Cookie headers. */
  storeFromResponse(url: URL, setCookie: string[]): void {
    for (const header of setCookie) {
      const [pair, ...attributes] = header.split(';');
      const eq = pair.indexOf('=');
      if (eq < 1) continue;
      const cookie: StoredCookie = {
        name: pair.slice(0, eq).trim(),
        value: pair.slice(eq + 1).trim(),
        domain: url.hostname,
        hostOnly: true,
        path: url.pathname.replace(/\/[^/]*$/, '') || '/',
        expiresAt: Infinity,
        secure: false,
      };
      for (const attribute of attributes) {
        const [rawKey, ...rest] = attribute.split('=');
        const key = rawKey.trim().toLowerCase();
        const value = rest.join('=').trim();
        if (key === 'domain' && value) {
          cookie.domain = value.replace(/^\./, '').toLowerCase();
          cookie.hostOnly = false;
        } else if (key === 'path' && value.startsWith('/')) cookie.path = value;
        else if (key === 'max-age') cookie.expiresAt = Date.now() + Number(value) * 1000;
        else if (key === 'expires' && cookie.expiresAt === Infinity) cookie.expiresAt = Date.parse(value) || Infinity;
        else if (key === 'secure') cookie.secure = true;
      }
      this.put(cookie);
    }
  }

  private put(cookie: StoredCookie): void {
    this.cookies = this.cookies.filter((c) => !(c.name === cookie.name && c.domain === cookie.domain && c.path === cookie.path));
    if (cookie.expiresAt > Date.now()) this.cookies.push(cookie);
  }

  /** The Cookie header value for a request to `url`, or undefined when none match. */
  headerFor(url: URL): string | undefined {
    if (this.cookies.length === 0) return undefined;
    const matching = this.matching(url);
    return matching.length ? matching.map((c) => `${c.name}=${c.value}`).join('; ') : undefined;
  }

  private matching(url: URL): StoredCookie[] {
    const now = Date.now();
    this.cookies = this.cookies.filter((c) => c.expiresAt > now);
    return this.cookies.filter(
      (c) => domainMatches(c, url.hostname) && pathMatches(c.path, url.pathname) && (!c.secure || url.protocol === 'https:'),
    );
  }

  /** The script-facing jar, as `http.cookieJar()` returns it. */
  api() {
    return {
      set: (url: string, name: string, value: string, options: { domain?: string; path?: string; max_age?: number; secure?: boolean } = {}) => {
        const u = new URL(url);
        this.put({
          name,
          value,
          domain: options.domain?.replace(/^\./, '') ?? u.hostname,
          hostOnly: !options.domain,
          path: options.path ?? '/',
          expiresAt: options.max_age !== undefined ? Date.now() + options.max_age * 1000 : Infinity,
          secure: !!options.secure,
        });
      },
      cookiesForURL: (url: string): Record<string, string[]> => {
        const out: Record<string, string[]> = {};
        for (const c of this.matching(new URL(url))) (out[c.name] ??= []).push(c.value);
        return out;
      },
      delete: (url: string, name: string) => {
        const u = new URL(url);
        this.cookies = this.cookies.filter((c) => !(c.name === name && domainMatches(c, u.hostname)));
      },
      clear: (url: string) => {
        const u = new URL(url);
        this.cookies = this.cookies.filter((c) => !domainMatches(c, u.hostname));
      },
    };
  }
}
