// Go's textproto.CanonicalMIMEHeaderKey, which k6 applies to the header names of responses and of the
// requests a script makes (Header.Set): the first letter and every letter after a hyphen upper case,
// the rest lower case (`x-ratelimit-remaining` → `X-Ratelimit-Remaining`). Names with characters
// outside the token set are left as they are.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

// Requests and responses carry the same few names over and over: each is worked out once.
const known = new Map<string, string>();
const MAX_KNOWN = 1000;

export function canonicalHeaderName(name: string): string {
  let canonical = known.get(name);
  if (canonical === undefined) {
    canonical = canonicalOf(name);
    if (known.size < MAX_KNOWN) known.set(name, canonical);
  }
  return canonical;
}

function canonicalOf(name: string): string {
  if (!TOKEN.test(name)) return name;
  let out = '';
  let upper = true;
  for (const ch of name) {
    out += upper ? ch.toUpperCase() : ch.toLowerCase();
    upper = ch === '-';
  }
  return out;
}
