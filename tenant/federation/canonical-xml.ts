// A writer that emits XML already in Exclusive XML Canonicalization form (xml-exc-c14n, no
// comments) for the documents the tenant signs: no XML declaration, every element written as a
// start/end pair, namespace declarations before attributes, attributes sorted by name (the tenant
// only writes unprefixed attributes), and c14n's escaping. Each namespace is declared once, on the
// outermost element that uses it, so the signed subtree canonicalises to exactly these bytes.

const escapeText = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#xD;');
const escapeAttribute = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#x9;')
    .replace(/\n/g, '&#xA;')
    .replace(/\r/g, '&#xD;');

export interface XmlElement {
  name: string;
  /** Namespace declarations on this element: prefix ('' for the default) → URI. */
  namespaces?: Record<string, string>;
  attributes?: Record<string, string | undefined>;
  /** Child elements (already written) or text. */
  children?: string[] | string;
}

export function xml({ name, namespaces = {}, attributes = {}, children = [] }: XmlElement): string {
  const ns = Object.entries(namespaces)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([prefix, uri]) => ` ${prefix ? `xmlns:${prefix}` : 'xmlns'}="${escapeAttribute(uri)}"`)
    .join('');
  const attrs = Object.entries(attributes)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => ` ${k}="${escapeAttribute(v)}"`)
    .join('');
  const content = typeof children === 'string' ? escapeText(children) : children.join('');
  return `<${name}${ns}${attrs}>${content}</${name}>`;
}
