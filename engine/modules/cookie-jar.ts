// k6's cookie jar, the basics: cookies from Set-Cookie are kept per domain and path, sent back on
// matching requests, and scripts can set, read, delete and clear them. Each VU has one
// (http.cookieJar()); a script may make more (new http.CookieJar()) and pass one as params.jar.

import { parseSetCookie } from './set-cookie.ts';

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
    for (const line of setCookie) {
      const c = parseSetCookie(line);
      if (!c) continue;
      this.put({
        name: c.name,
        value: c.value,
        domain: c.domain || url.hostname,
        hostOnly: !c.domain,
        path: c.path || url.pathname.replace(/\/[^/]*$/, '') || '/',
        // Max-Age wins over Expires (RFC 6265 §5.3); neither: a session cookie, kept for the run.
        expiresAt: c.maxAge !== undefined ? Date.now() + c.maxAge * 1000 : (c.expires ?? Infinity),
        secure: c.secure,
      });
    }
  }

  private put(cookie: StoredCookie): void {
    this.cookies = this.cookies.filter(
      (c) => !(c.name === cookie.name && c.domain === cookie.domain && c.path === cookie.path),
    );
    if (cookie.expiresAt > Date.now()) this.cookies.push(cookie);
  }

  /** The cookies a request to `url` sends. */
  cookiesFor(url: URL): readonly StoredCookie[] {
    return this.cookies.length === 0 ? this.cookies : this.matching(url);
  }

  private matching(url: URL): StoredCookie[] {
    const now = Date.now();
    this.cookies = this.cookies.filter((c) => c.expiresAt > now);
    return this.cookies.filter(
      (c) =>
        domainMatches(c, url.hostname) && pathMatches(c.path, url.pathname) && (!c.secure || url.protocol === 'https:'),
    );
  }

  // What scripts call: k6's CookieJar methods.

  set(
    url: string,
    name: string,
    value: string,
    options: { domain?: string; path?: string; max_age?: number; secure?: boolean } = {},
  ): void {
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
  }

  cookiesForURL(url: string): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const c of this.matching(new URL(url))) (out[c.name] ??= []).push(c.value);
    return out;
  }

  delete(url: string, name: string): void {
    const u = new URL(url);
    this.cookies = this.cookies.filter((c) => !(c.name === name && domainMatches(c, u.hostname)));
  }

  clear(url: string): void {
    const u = new URL(url);
    this.cookies = this.cookies.filter((c) => !domainMatches(c, u.hostname));
  }
}
