// A check's `ref` as a reader follows it: each https URL in it becomes a link with a short label
// (`RFC 6749 §5.2`, `auth0.com: /docs/…`), and whatever is not a URL stays as text.

export interface CheckReference {
  links: { name: string; url: string }[];
  /** The part of the reference that is not a URL; empty when it is all links. */
  text: string;
}

const URL_PATTERN = /https?:\/\/[^\s,;]+/g;

/** A link's label: the RFC and section for rfc-editor.org, otherwise the host and the page's last part. */
function referenceLabel(href: string): string {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return href;
  }
  const rfc = /\/rfc(\d+)/.exec(url.pathname)?.[1];
  const section = /^#section-([\w.-]+)/.exec(url.hash)?.[1];
  if (rfc) return `RFC ${rfc}${section ? ` §${section}` : ''}`;
  const host = url.hostname.replace(/^www\./, '');
  const page = url.pathname.split('/').filter(Boolean).pop() ?? '';
  const anchor = url.hash ? ` ${url.hash}` : '';
  return `${host}${page ? `: ${page}` : ''}${anchor}`;
}

export function checkReference(ref: string | undefined): CheckReference {
  if (!ref) return { links: [], text: '' };
  const urls = ref.match(URL_PATTERN) ?? [];
  const text = ref
    .replace(URL_PATTERN, '')
    .replace(/^[\s,;]+|[\s,;]+$/g, '')
    .replace(/\s*[,;]\s*([,;]\s*)+/g, ', ');
  return { links: urls.map((url) => ({ name: referenceLabel(url), url })), text };
}
