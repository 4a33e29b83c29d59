// URL arithmetic for redirects and form actions. k6 has no URL global (its docs import one from
// jslib.k6.io, which a bundle cannot), so the little the flows need is done on strings.

const ORIGIN = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i;

/** `location` resolved against `base`, as a browser follows a Location header or a form action. */
export function resolveUrl(location: string, base: string): string {
  if (ORIGIN.test(location)) return location;
  const origin = ORIGIN.exec(base)?.[0] ?? '';
  if (location.startsWith('//')) return `${origin.slice(0, origin.indexOf('//'))}${location}`;
  if (location.startsWith('/')) return `${origin}${location}`;
  const basePath = base.slice(origin.length).replace(/[?#].*$/, '');
  if (location.startsWith('?')) return `${origin}${basePath}${location}`;
  return `${origin}${basePath.replace(/[^/]*$/, '')}${location}`;
}

/** The path of an absolute URL, without query or fragment. */
export function pathOf(url: string): string {
  return url.replace(ORIGIN, '').replace(/[?#].*$/, '') || '/';
}
