import type { Exchange } from '../../checks/exchange.ts';
import { redirectTarget } from '../../checks/http/redirect.ts';
import { formEncode } from '../form-encoding.ts';
import type { TestUser } from '../harness-config.ts';
import { firstForm } from '../html-form.ts';
import { sendRequest } from '../send-request.ts';
import { pathOf, resolveUrl } from '../url.ts';
import type { FlowContext } from './flow-context.ts';

export const AUTHORIZE_ENDPOINT = 'GET /authorize';

// Redirect hops between /authorize and the application: login page, resume, MFA prompt.
const MAX_HOPS = 6;

export interface AuthorizeRequest {
  clientId: string;
  redirectUri: string;
  responseType: string;
  params: Record<string, string>;
}

/**
 * Drives /authorize over plain HTTP as a browser would: follows the redirect to the login page,
 * submits its form (the login transaction's state rides in a hidden input) with the user's
 * credentials, and follows the redirects until the user agent is sent to redirect_uri. The session
 * cookie stays in k6's jar, so a second /authorize signs in without the page. Returns the response
 * that sends the user agent to the application, or undefined when the flow never got there (the
 * last response is then returned as `stuck` for the checks to explain).
 */
export async function authorizeThroughLogin(
  ctx: FlowContext,
  request: AuthorizeRequest,
  user: TestUser,
): Promise<{ arrived?: Exchange; stuck?: Exchange }> {
  const authorizeUrl = ctx.tenant.endpoints.authorization_endpoint as string;
  const query = formEncode({
    client_id: request.clientId,
    redirect_uri: request.redirectUri,
    response_type: request.responseType,
    ...request.params,
  });
  let exchange = await sendRequest({
    endpoint: AUTHORIZE_ENDPOINT,
    credential: 'none',
    method: 'GET',
    url: `${authorizeUrl}?${query}`,
    expectedStatuses: [302],
  });
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const location = exchange.response.headers.location;
    if (exchange.response.status !== 302 && exchange.response.status !== 303) {
      const form = exchange.response.status === 200 ? firstForm(exchange.response.body) : undefined;
      if (!form) return { stuck: exchange };
      // The login page: its form, with the user's credentials added to the hidden state.
      const action = resolveUrl(form.action || exchange.request.url, exchange.request.url);
      const path = pathOf(action);
      exchange = await sendRequest({
        endpoint: `POST ${path}`,
        credential: 'none',
        method: 'POST',
        url: action,
        rawBody: formEncode({ ...form.hidden, username: user.username, password: user.password, action: 'default' }),
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        expectedStatuses: [302],
      });
      continue;
    }
    if (!location) return { stuck: exchange };
    const next = resolveUrl(location, exchange.request.url);
    if (redirectTarget(next) === redirectTarget(request.redirectUri)) return { arrived: exchange };
    exchange = await sendRequest({
      endpoint: `GET ${pathOf(next)}`,
      credential: 'none',
      method: 'GET',
      url: next,
      expectedStatuses: [200, 302],
    });
  }
  return { stuck: exchange };
}
