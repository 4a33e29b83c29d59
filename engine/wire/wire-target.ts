/** What the wire needs of a request's URL. */
export interface WireTarget {
  /** The pool key: scheme and authority. */
  origin: string;
  tls: boolean;
  /** The dial host, IPv6 brackets removed. */
  hostname: string;
  port: number;
  /** The Host header: the URL's authority. */
  host: string;
  /** The request target: path and query. */
  path: string;
}

// A URL's getters build new strings on every call, and the wire needs six of them per request; VUs
// request the same parsed URL objects over and over (the k6/http module caches them), so each is read
// once. Weak keys: a redirect's one-off URLs are collected with it.
const targets = new WeakMap<URL, WireTarget>();

export function wireTarget(url: URL): WireTarget {
  let target = targets.get(url);
  if (!target) {
    const tls = url.protocol === 'https:';
    const hostname = url.hostname;
    target = {
      origin: `${url.protocol}//${url.host}`,
      tls,
      hostname: hostname.startsWith('[') ? hostname.slice(1, -1) : hostname,
      port: Number(url.port) || (tls ? 443 : 80),
      host: url.host,
      path: `${url.pathname}${url.search}`,
    };
    targets.set(url, target);
  }
  return target;
}
