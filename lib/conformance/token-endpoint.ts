import { errorChecks, type ErrorCaseName } from '../../checks/errors/error-cases.ts';
import type { Exchange } from '../../checks/exchange.ts';
import { tokenCheckSets } from '../../checks/sets/token-checks.ts';
import { tokenSuccessChecks } from '../../checks/sets/token-response.ts';
import { authenticate, type ClientMethod, type CredentialFlaw } from '../k6-and-node/credential-methods.ts';
import { recordChecks, recordNotRun, recordSkip } from '../record-checks.ts';
import type { CheckCell } from '../k6-and-node/result-protocol.ts';
import { sendRequest } from '../send-request.ts';
import { endpointUnknown, grantNotAdvertised } from './discovery.ts';
import type { FlowContext } from './flow-context.ts';
import { certificateCannotBeLeftOut, endpointFor } from './mtls-endpoint.ts';
import { tokenEndpointAsPublicClient } from './public-client.ts';
import { refusedGrant } from './refused-grant.ts';
import { checkAccessToken } from './token-checks-for.ts';
import { postAsClient, TOKEN_ENDPOINT, type BodyEncoding } from './token-request.ts';

type ConfidentialMethod = Exclude<ClientMethod, 'none'>;

// A grant type no server implements, for the unsupported_grant_type case.
const UNSUPPORTED_GRANT = 'urn:auth0-harness:unsupported-grant';

function clientCredentialsGrant(ctx: FlowContext): Record<string, string> {
  // Auth0 names the API with `audience`; standard providers with RFC 8707 `resource`.
  return ctx.profile === 'auth0'
    ? { grant_type: 'client_credentials', audience: ctx.config.audience }
    : { grant_type: 'client_credentials', resource: ctx.config.audience };
}

// Per method, the spoiled credentials it is tried with, and the error case each must produce.
const FLAWS: Record<ConfidentialMethod, { flaw: CredentialFlaw; errorCase: ErrorCaseName; auth0Only?: boolean }[]> = {
  client_secret_post: [
    { flaw: 'wrong_secret', errorCase: 'wrong_secret' },
    { flaw: 'missing_secret', errorCase: 'missing_secret' },
  ],
  client_secret_basic: [
    { flaw: 'wrong_secret', errorCase: 'wrong_secret' },
    { flaw: 'missing_secret', errorCase: 'missing_secret' },
  ],
  private_key_jwt: [
    { flaw: 'expired', errorCase: 'invalid_client_assertion' },
    // The 5-minute ceiling is Auth0's rule (docs/auth0-api.md §5); RFC 7523 sets none.
    { flaw: 'over_long', errorCase: 'invalid_client_assertion', auth0Only: true },
    { flaw: 'wrong_audience', errorCase: 'assertion_aud_not_issuer' },
    // Auth0's own limits on iat and lifetime (docs/auth0-api.md §5); RFC 7523 leaves both to the server.
    { flaw: 'iat_in_future', errorCase: 'assertion_iat_in_future', auth0Only: true },
    { flaw: 'iat_in_milliseconds', errorCase: 'assertion_iat_in_milliseconds', auth0Only: true },
    { flaw: 'lifetime_over_5_minutes', errorCase: 'assertion_lifetime_over_5_minutes', auth0Only: true },
    { flaw: 'missing_secret', errorCase: 'missing_secret' },
  ],
  tls_client_auth: [
    { flaw: 'wrong_secret', errorCase: 'wrong_secret' },
    { flaw: 'missing_secret', errorCase: 'missing_secret' },
  ],
  // k6 presents one certificate (tlsAuth) for the whole run, so no wrong one can be tried; a request
  // without it goes where no handshake asks for it.
  mtls_handshake: [{ flaw: 'missing_secret', errorCase: 'missing_secret' }],
};

async function expectError(
  ctx: FlowContext,
  cell: CheckCell,
  exchange: Exchange | undefined,
  errorCase: ErrorCaseName,
  flow: string,
): Promise<void> {
  if (exchange) await recordChecks(cell, errorChecks(errorCase, ctx.profile), exchange, exchange, flow);
}

async function clientCredentialsSucceeds(
  ctx: FlowContext,
  method: ConfidentialMethod,
  url: string,
  encoding: BodyEncoding,
): Promise<void> {
  const cell: CheckCell = { endpoint: TOKEN_ENDPOINT, credential: method };
  const flow = `client_credentials (${encoding} body)`;
  const notAdvertised = grantNotAdvertised(ctx.tenant, 'client_credentials');
  if (notAdvertised) return recordNotRun(cell, tokenSuccessChecks, notAdvertised, flow);
  const success = await postAsClient(ctx, {
    endpoint: TOKEN_ENDPOINT,
    url,
    method,
    params: clientCredentialsGrant(ctx),
    encoding,
    expectedStatuses: [200],
  });
  if (!success) return;
  if (!(await recordChecks(cell, tokenSuccessChecks, success, success, flow))) return;
  const clientId = ctx.config.clients[method]?.clientId as string;
  const grantChecks = ctx.profile === 'auth0' ? tokenCheckSets.clientCredentialsAccessToken : [];
  await checkAccessToken(
    ctx,
    cell,
    success,
    { clientId, audience: ctx.config.audience, grantType: 'client-credentials' },
    grantChecks,
    flow,
  );
}

/**
 * POST /oauth/token as a confidential client: client_credentials succeeds (form, and JSON on Auth0),
 * each spoiled credential is refused, and so are a grant the client may not use, an unknown grant,
 * a missing grant_type, an unreadable body and a body of the wrong content type.
 */
async function tokenEndpointAsConfidentialClient(ctx: FlowContext, method: ConfidentialMethod): Promise<void> {
  const cell: CheckCell = { endpoint: TOKEN_ENDPOINT, credential: method };
  const url = ctx.tenant.endpoints.token_endpoint;
  if (!ctx.config.clients[method])
    return recordSkip(cell, `no ${method} client in the harness configuration (clients.${method})`);
  if (!url) return recordSkip(cell, endpointUnknown(ctx.tenant, 'token_endpoint'));

  await clientCredentialsSucceeds(ctx, method, url, 'form');
  // docs/auth0-api.md §1.2: /oauth/token takes JSON as well as form bodies; the standards know only forms.
  if (ctx.profile === 'auth0') await clientCredentialsSucceeds(ctx, method, url, 'json');

  for (const { flaw, errorCase, auth0Only } of FLAWS[method]) {
    if (auth0Only && ctx.profile !== 'auth0') continue;
    const flow = `client_credentials with ${flaw.replace(/_/g, ' ')}`;
    const cannot = method === 'mtls_handshake' ? certificateCannotBeLeftOut(ctx, url) : undefined;
    if (cannot) {
      recordNotRun(cell, errorChecks(errorCase, ctx.profile), cannot, flow);
      continue;
    }
    const refused = await postAsClient(ctx, {
      endpoint: TOKEN_ENDPOINT,
      url,
      method,
      params: clientCredentialsGrant(ctx),
      flaw,
      expectedStatuses: [400, 401],
    });
    await expectError(ctx, cell, refused, errorCase, flow);
  }
  if (method === 'private_key_jwt') await replayedAssertionRefused(ctx, url);

  // A grant the provider implements but this client is not registered for (refused-grant.ts).
  const refused = refusedGrant(ctx, method);
  if (typeof refused === 'string') {
    recordNotRun(
      cell,
      errorChecks('grant_not_allowed', ctx.profile),
      refused,
      'a grant the client is not registered for',
    );
  } else {
    const notAllowed = await postAsClient(ctx, {
      endpoint: TOKEN_ENDPOINT,
      url,
      method,
      params: refused.params,
      expectedStatuses: [400, 403],
    });
    await expectError(
      ctx,
      cell,
      notAllowed,
      'grant_not_allowed',
      `the ${refused.grant} grant on a client not registered for it`,
    );
  }

  const unsupported = await postAsClient(ctx, {
    endpoint: TOKEN_ENDPOINT,
    url,
    method,
    params: { grant_type: UNSUPPORTED_GRANT },
    expectedStatuses: [400],
  });
  await expectError(ctx, cell, unsupported, 'unsupported_grant_type', 'an unknown grant_type');

  const missing = await postAsClient(ctx, {
    endpoint: TOKEN_ENDPOINT,
    url,
    method,
    params: ctx.profile === 'auth0' ? { audience: ctx.config.audience } : { resource: ctx.config.audience },
    expectedStatuses: [400],
  });
  await expectError(ctx, cell, missing, 'missing_parameter', 'no grant_type');

  // Sent as they are (not through postAsClient), so they go to the method's own endpoint here.
  await unreadableBodiesRefused(ctx, method, endpointFor(ctx.tenant, url, method));
}

/** POST /oauth/token with the client of `method`: the public client's refusals, or a confidential client's grants and refusals. */
export async function tokenEndpoint(ctx: FlowContext, method: ClientMethod): Promise<void> {
  return method === 'none' ? tokenEndpointAsPublicClient(ctx) : tokenEndpointAsConfidentialClient(ctx, method);
}

/** A JSON body cut short (Auth0 takes JSON), and a form body labelled text/plain. */
async function unreadableBodiesRefused(ctx: FlowContext, method: ConfidentialMethod, url: string): Promise<void> {
  const cell: CheckCell = { endpoint: TOKEN_ENDPOINT, credential: method };
  const send = (rawBody: string, contentType: string, headers: Record<string, string>) =>
    sendRequest({
      ...cell,
      method: 'POST',
      url,
      rawBody,
      headers: { ...headers, 'Content-Type': contentType },
      expectedStatuses: [400, 401],
    });
  // Basic and mTLS credentials travel in headers, so they are sent as usual; a body method's
  // credentials are in the very body the server cannot read. Either way the body is what is wrong.
  const headers = await headerCredentials(ctx, method);
  if (ctx.profile === 'auth0') {
    const malformed = await send('{"grant_type":"client_credentials",', 'application/json', headers);
    await expectError(ctx, cell, malformed, 'malformed_body', 'a truncated JSON body');
  }
  const wrongType = await send(
    `grant_type=client_credentials&audience=${encodeURIComponent(ctx.config.audience)}`,
    'text/plain',
    headers,
  );
  await expectError(ctx, cell, wrongType, 'wrong_content_type', 'a form body sent as text/plain');
}

async function headerCredentials(ctx: FlowContext, method: ConfidentialMethod): Promise<Record<string, string>> {
  const auth = await authenticate(ctx.config, method, {});
  return auth?.headers ?? {};
}

/** One assertion, used twice: the second use must be refused (jti replay, docs/auth0-api.md §5). */
async function replayedAssertionRefused(ctx: FlowContext, url: string): Promise<void> {
  const cell: CheckCell = { endpoint: TOKEN_ENDPOINT, credential: 'private_key_jwt' };
  const auth = await authenticate(ctx.config, 'private_key_jwt', clientCredentialsGrant(ctx));
  if (!auth) return;
  const first = await sendRequest({ ...cell, method: 'POST', url, form: auth.params, expectedStatuses: [200] });
  await recordChecks(cell, tokenSuccessChecks, first, first, 'client_credentials with a fresh assertion');
  const replay = await sendRequest({ ...cell, method: 'POST', url, form: auth.params, expectedStatuses: [400, 401] });
  await expectError(ctx, cell, replay, 'assertion_jti_reused', 'client_credentials replaying a used assertion');
}
