// What k6 says when a request does not go as asked: a failure on the wire, or redirects cut short.
import type { VuState } from '../vu-state.ts';
import type { TransportError } from '../wire/transport-error.ts';

/** How Go's client names a failed request (url.Error): its method as a word, and its quoted URL. */
function goRequestError(method: string, url: URL, cause: string): string {
  return `${method.charAt(0)}${method.slice(1).toLowerCase()} ${JSON.stringify(url.href)}: ${cause}`;
}

/**
 * A request that failed on the wire: k6 logs the warning "Request Failed" with the failure as Go's
 * client words it (`Get "http://…": dial tcp …: connect: connection refused`), or, under the `throw`
 * option, throws it into the script instead. `method` is the one the script asked for (Go names the
 * first request of a redirect chain's method), `url` the one that failed.
 */
export function requestFailed(vu: VuState, method: string, url: URL, error: TransportError): void {
  const text = goRequestError(method, url, error.cause);
  if (vu.run.options.throw === true) throw new Error(text);
  vu.run.log('warn', 'Request Failed', { error: text });
}

/**
 * Redirects stopped at the limit: k6 returns the last redirect response, and warns when the script set
 * no limit of its own (params.redirects or the maxRedirects option; 10 by default).
 */
export function redirectsStopped(vu: VuState, followed: number, firstUrl: URL): void {
  vu.run.log(
    'warn',
    `Stopped after ${followed + 1} redirects and returned the redirection; pass { redirects: n } in request params or set global maxRedirects to silence this`,
    { url: firstUrl.href },
  );
}
