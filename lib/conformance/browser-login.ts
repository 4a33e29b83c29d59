import type { Exchange } from '../../checks/exchange.ts';
import { redirectTarget } from '../../checks/http/redirect.ts';
import { formEncode } from '../form-encoding.ts';
import type { TestUser } from '../k6-and-node/harness-config.ts';
import { htmlForms, type HtmlForm } from '../html-form.ts';
import type { FormMatch, LoginStep } from '../k6-and-node/login-description.ts';
import { sendRequest } from '../send-request.ts';
import { totp } from '../k6-and-node/totp.ts';
import { pathOf, resolveUrl } from '../url.ts';

// The login driver: a browser journey (authorization, RP-initiated logout) over plain HTTP. It follows
// redirects, and on each page submits the form of the first step of the login description
// (lib/k6-and-node/login-description.ts) that matches a form there, until the user agent is sent to the
// destination. The session cookie stays in k6's jar, so a second journey may need no page at all.

export const AUTHORIZE_ENDPOINT = 'GET /authorize';

// Requests of one journey: authorize, login page, its post, resume, consent page, its post, resume…
const MAX_REQUESTS = 12;

export interface Journey {
  /** The first request's matrix row (`GET /authorize`) and URL. */
  endpoint: string;
  url: string;
  /** Where the journey ends: the first redirect there is its result. */
  destination: string;
}

export interface JourneyEnd {
  /** The response that sends the user agent to the destination. */
  arrived?: Exchange;
  /** Otherwise, the last response, for the checks to show… */
  stuck?: Exchange;
  /** …and why the driver could not go on. */
  why?: string;
}

const isRedirect = (status: number): boolean => status >= 300 && status < 400 && status !== 304;

// Paths of login pages carry transaction ids (/interaction/{uid}); a metric tag per id would be a new
// series per login, so a segment that looks like one is named {id}.
const stablePath = (url: string): string =>
  pathOf(url)
    .split('/')
    .map((s) => (/^[A-Za-z0-9_-]{16,}$/.test(s) && /\d/.test(s) ? '{id}' : s))
    .join('/');

const matches = (form: HtmlForm, match: FormMatch): boolean =>
  (match.hasField === undefined || form.fieldNames.includes(match.hasField)) &&
  (match.actionContains === undefined || form.action.includes(match.actionContains)) &&
  (match.id === undefined || form.id === match.id);

/** The step's field values with the user's put in, or why one cannot be. */
function fill(step: LoginStep, user: TestUser): Record<string, string> | string {
  const values: Record<string, string> = {};
  for (const [name, template] of Object.entries(step.fields)) {
    if (template.includes('{otp}') && !user.otpSecret)
      return `the ${step.name} step fills ${name} with {otp}, and the user has no otpSecret`;
    values[name] = template
      .replace(/\{username\}/g, user.username)
      .replace(/\{password\}/g, user.password)
      .replace(/\{otp\}/g, () => totp(user.otpSecret as string));
  }
  return values;
}

/** Runs a journey through the provider's pages with the user's credentials, step by step. */
export async function browse(journey: Journey, user: TestUser, steps: readonly LoginStep[]): Promise<JourneyEnd> {
  const submitted = new Set<string>();
  let exchange = await sendRequest({
    endpoint: journey.endpoint,
    credential: 'none',
    method: 'GET',
    url: journey.url,
    expectedStatuses: [200, 302, 303],
  });
  for (let sent = 1; sent < MAX_REQUESTS; sent++) {
    const { status, headers, body } = exchange.response;
    const here = exchange.request.url;
    if (isRedirect(status)) {
      if (!headers.location) return { stuck: exchange, why: `the ${status} has no Location` };
      const next = resolveUrl(headers.location, here);
      if (redirectTarget(next) === redirectTarget(journey.destination)) return { arrived: exchange };
      exchange = await sendRequest({
        endpoint: `GET ${stablePath(next)}`,
        credential: 'none',
        method: 'GET',
        url: next,
        expectedStatuses: [200, 302, 303],
      });
      continue;
    }
    if (status !== 200) return { stuck: exchange, why: `${pathOf(here)} answered ${status}` };
    const forms = htmlForms(body);
    const step = steps.find((s) => !submitted.has(s.name) && forms.some((f) => matches(f, s.form)));
    if (!step) {
      const again = steps.find((s) => forms.some((f) => matches(f, s.form)));
      return {
        stuck: exchange,
        why: again
          ? `the ${again.name} form came back after it was submitted: the provider did not accept it`
          : `the page at ${pathOf(here)} has no form that a step of the login description (${steps.map((s) => s.name).join(', ')}) matches`,
      };
    }
    const values = fill(step, user);
    if (typeof values === 'string') return { stuck: exchange, why: values };
    submitted.add(step.name);
    const form = forms.find((f) => matches(f, step.form)) as HtmlForm;
    // An empty action submits to the page itself (HTML's form submission algorithm).
    const action = resolveUrl(step.postTo ?? (form.action || here), here);
    const fields = formEncode({ ...form.hidden, ...values });
    exchange = await sendRequest({
      endpoint: `${form.method === 'GET' ? 'GET' : 'POST'} ${stablePath(action)}`,
      credential: 'none',
      ...(form.method === 'GET'
        ? { method: 'GET', url: `${action.replace(/\?.*$/, '')}?${fields}` }
        : {
            method: 'POST',
            url: action,
            rawBody: fields,
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          }),
      expectedStatuses: [200, 302, 303],
    });
  }
  return {
    stuck: exchange,
    why: `no redirect to ${redirectTarget(journey.destination)} after ${MAX_REQUESTS} requests`,
  };
}

export interface AuthorizeRequest {
  clientId: string;
  redirectUri: string;
  responseType: string;
  params: Record<string, string>;
}

/** /authorize through the login pages to the redirect back to the application. */
export function authorizeThroughLogin(
  authorizationEndpoint: string,
  request: AuthorizeRequest,
  user: TestUser,
  steps: readonly LoginStep[],
): Promise<JourneyEnd> {
  const query = formEncode({
    client_id: request.clientId,
    redirect_uri: request.redirectUri,
    response_type: request.responseType,
    ...request.params,
  });
  return browse(
    { endpoint: AUTHORIZE_ENDPOINT, url: `${authorizationEndpoint}?${query}`, destination: request.redirectUri },
    user,
    steps,
  );
}
