// Go's textproto.CanonicalMIMEHeaderKey, which k6 applies to response header names: the first letter
// and every letter after a hyphen upper case, the rest lower case (`x-ratelimit-remaining` →
// `X-Ratelimit-Remaining`). Names with characters outside the token set are left as they are.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export function canonicalHeaderName(name: string): string {
  if (!TOKEN.test(name)) return name;
  let out = '';
  let upper = true;
  for (const ch of name) {
    out += upper ? ch.toUpperCase() : ch.toLowerCase();
    upper = ch === '-';
  }
  return out;
}
