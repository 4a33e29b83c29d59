import type { Exchange } from '../../checks/exchange.ts';
import type { FederationPost } from '../../checks/federation/federation-post.ts';
import { DSIG_NS, parseXml } from '../../checks/federation/xml-signature.ts';
import { formEncode } from '../form-encoding.ts';
import type { TestUser } from '../k6-and-node/harness-config.ts';
import { htmlForms } from '../html-form.ts';
import { sendRequest } from '../send-request.ts';
import { pathOf, resolveUrl } from '../url.ts';

// Hops between the tenant's federation endpoint and the page that posts to the relying party:
// the login page, its submission, the redirects after it.
const MAX_HOPS = 6;

/**
 * Follows a SAML or WS-Fed sign-in from its first answer as a browser would, until a page whose form
 * posts to `destination` (the relying party): the login page on the way gets the user's credentials.
 * Returns that page, or the last answer when the sign-in never got there.
 */
export async function followToRelyingParty(start: Exchange, destination: string, user: TestUser): Promise<Exchange> {
  let exchange = start;
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const { status, headers, body } = exchange.response;
    if ((status === 302 || status === 303) && headers.location) {
      const next = resolveUrl(headers.location, exchange.request.url);
      exchange = await sendRequest({
        endpoint: `GET ${pathOf(next)}`,
        credential: 'none',
        method: 'GET',
        url: next,
        expectedStatuses: [200, 302],
      });
      continue;
    }
    const form = status === 200 ? htmlForms(body)[0] : undefined;
    if (!form) return exchange;
    const action = resolveUrl(form.action || exchange.request.url, exchange.request.url);
    if (action === destination) return exchange;
    exchange = await sendRequest({
      endpoint: `POST ${pathOf(action)}`,
      credential: 'none',
      method: 'POST',
      url: action,
      rawBody: formEncode({ ...form.hidden, username: user.username, password: user.password, action: 'default' }),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      expectedStatuses: [200, 302],
    });
  }
  return exchange;
}

/** What a page that posts to the relying party carries, for the federation checks. */
export function federationPost(
  page: Exchange,
  decode: (fields: Record<string, string>) => string | undefined,
  certificate: { certificate?: string; certificateMissing?: string },
  expect: FederationPost['expect'],
): FederationPost {
  const form = page.response.status === 200 ? htmlForms(page.response.body)[0] : undefined;
  const action = form ? resolveUrl(form.action || page.request.url, page.request.url) : undefined;
  return {
    status: page.response.status,
    form: form && action ? { action, fields: form.hidden } : undefined,
    xml: form ? decode(form.hidden) : undefined,
    ...certificate,
    expect,
  };
}

/** The first signing certificate of a metadata document (SAML or WS-Fed), base64 DER. */
export async function metadataCertificate(
  url: string,
  endpoint: string,
): Promise<{ certificate?: string; certificateMissing?: string }> {
  const metadata = await sendRequest({ endpoint, credential: 'none', method: 'GET', url, expectedStatuses: [200] });
  if (metadata.response.status !== 200)
    return { certificateMissing: `the metadata at ${url} answered ${metadata.response.status}` };
  const doc = parseXml(metadata.response.body);
  if (typeof doc === 'string') return { certificateMissing: `the metadata at ${url} is ${doc}` };
  const certificate = doc.getElementsByTagNameNS(DSIG_NS, 'X509Certificate')[0]?.textContent?.replace(/\s+/g, '');
  return certificate ? { certificate } : { certificateMissing: `the metadata at ${url} names no X509Certificate` };
}
