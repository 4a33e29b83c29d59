import { defineCheck, describeValue, expectThat, fail, notRun } from '../check.ts';
import { jsonBody, type Exchange } from '../exchange.ts';
import { rfc } from '../references.ts';

// RFC 8705 §5: discovery's mtls_endpoint_aliases, an object of endpoint URLs that mutual TLS clients
// use in preference to the conventional ones. The harness sends its handshake client's requests
// there, so an alias that is no https URL is reported here rather than as a puzzling transport error.
// Endpoints in authorization server metadata use the https scheme (RFC 8414 §2).

const HTTPS_URL = /^https:\/\/[^\s/?#@]+(:\d+)?([/?#]\S*)?$/i;

export const mtlsEndpointAliasesAreHttps = defineCheck<Exchange>({
  id: 'discovery.mtls_endpoint_aliases.are_https_urls',
  ref: rfc(8705, '5'),
  severity: 'failure',
  title: 'mtls_endpoint_aliases, when listed, is an object whose every endpoint is an absolute https URL.',
  run: ({ response }) => {
    const document = jsonBody(response);
    if (!document || typeof document !== 'object' || Array.isArray(document))
      return notRun('no discovery document to read: the response body is not a JSON object');
    const aliases = (document as Record<string, unknown>).mtls_endpoint_aliases;
    if (aliases === undefined) return notRun('the discovery document lists no mtls_endpoint_aliases');
    if (!aliases || typeof aliases !== 'object' || Array.isArray(aliases))
      return fail(`expected mtls_endpoint_aliases as an object of endpoint URLs, got ${describeValue(aliases)}`);
    const wrong = Object.entries(aliases).filter(([, url]) => typeof url !== 'string' || !HTTPS_URL.test(url));
    return expectThat(
      wrong.length === 0,
      () => `expected https URLs, got ${wrong.map(([name, url]) => `${name}: ${describeValue(url)}`).join(', ')}`,
    );
  },
});
