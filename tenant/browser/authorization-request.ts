import { GRANT_TYPE } from '../../lib/k6-and-node/grant-types.ts';
import type { Application } from '../materialise-fixture.ts';
import type { TenantState } from '../tenant-state.ts';
import { splitScope } from '../tokens/user-tokens.ts';

type ResponseMode = 'query' | 'fragment' | 'form_post';

export interface AuthorizationRequest {
  client: Application;
  redirectUri: string;
  /** Whether the request named redirect_uri (the token endpoint then requires the same value). */
  redirectUriGiven: boolean;
  responseTypes: Set<string>;
  responseMode: ResponseMode;
  state?: string;
  nonce?: string;
  scope: string[];
  audience?: string;
  codeChallenge?: string;
  codeChallengeMethod?: string;
  prompt?: string;
  params: Record<string, string>;
}

/** An error Auth0 cannot send back to the application: rendered as its error page. */
export interface PageError {
  kind: 'page';
  error: string;
  description: string;
}
/** An error delivered to redirect_uri with the response mode (docs/auth0-api.md §1.1). */
export interface RedirectError {
  kind: 'redirect';
  request: AuthorizationRequest;
  error: string;
  description: string;
}

const RESPONSE_TYPES = new Set([
  'code',
  'token',
  'id_token',
  'code token',
  'code id_token',
  'id_token token',
  'code id_token token',
]);

/** Validates /authorize parameters in Auth0's order: client and redirect first, then the rest. */
export function parseAuthorizationRequest(
  tenant: TenantState,
  params: Record<string, string>,
): AuthorizationRequest | PageError | RedirectError {
  const client = params.client_id ? tenant.findClient(params.client_id) : undefined;
  if (!client)
    return {
      kind: 'page',
      error: 'invalid_request',
      description: params.client_id ? `Unknown client: ${params.client_id}` : 'Missing required parameter: client_id',
    };
  const redirectUri = params.redirect_uri ?? client.callbacks[0];
  if (!redirectUri)
    return { kind: 'page', error: 'invalid_request', description: 'Missing required parameter: redirect_uri' };
  if (!client.callbacks.includes(redirectUri)) {
    return {
      kind: 'page',
      error: 'Callback URL mismatch.',
      description: `The provided redirect_uri is not in the list of allowed callback URLs. Please go to the Application Settings page and make sure you are sending a valid callback url from your application.`,
    };
  }
  const responseTypeText = (params.response_type ?? '').split(' ').filter(Boolean).sort().join(' ');
  const responseTypes = new Set(responseTypeText.split(' ').filter(Boolean));
  const implicitOrHybrid = responseTypes.has('token') || responseTypes.has('id_token');
  const requestedMode = params.response_mode;
  const responseMode: ResponseMode =
    requestedMode === 'query' || requestedMode === 'form_post' || requestedMode === 'fragment'
      ? requestedMode
      : implicitOrHybrid
        ? 'fragment'
        : 'query';
  const request: AuthorizationRequest = {
    client,
    redirectUri,
    redirectUriGiven: params.redirect_uri !== undefined,
    responseTypes,
    responseMode,
    state: params.state,
    nonce: params.nonce,
    scope: splitScope(params.scope),
    audience: params.audience ?? params.resource ?? tenant.fixture.defaultAudience,
    codeChallenge: params.code_challenge,
    codeChallengeMethod: params.code_challenge_method,
    prompt: params.prompt,
    params,
  };
  const fail = (error: string, description: string): RedirectError => ({
    kind: 'redirect',
    request,
    error,
    description,
  });
  if (!params.response_type) return fail('invalid_request', 'Missing required parameter: response_type');
  const canonical = ['code', 'id_token', 'token'].filter((t) => responseTypes.has(t)).join(' ');
  if (!RESPONSE_TYPES.has(canonical) || canonical.split(' ').length !== responseTypes.size)
    return fail('unsupported_response_type', `Unsupported response type: ${params.response_type}`);
  if (requestedMode !== undefined && !['query', 'fragment', 'form_post', 'web_message'].includes(requestedMode))
    return fail('invalid_request', `Unsupported response_mode: ${requestedMode}`);
  // OAuth 2.0 Multiple Response Types §5: tokens are never sent in the query string.
  if (implicitOrHybrid && responseMode === 'query')
    return fail('invalid_request', 'response_mode=query is not allowed for response types that return tokens');
  if (responseTypes.has('code') && !client.grantTypes.includes(GRANT_TYPE.authorizationCode))
    return fail('unauthorized_client', "Grant type 'authorization_code' not allowed for the client.");
  if (implicitOrHybrid && !client.grantTypes.includes(GRANT_TYPE.implicit))
    return fail('unauthorized_client', "Grant type 'implicit' not allowed for the client.");
  if (responseTypes.has('id_token') && !request.nonce)
    return fail('invalid_request', 'Missing required parameter: nonce');
  if (request.codeChallenge && (request.codeChallengeMethod ?? 'plain') !== 'S256')
    return fail('invalid_request', 'Unsupported code_challenge_method: only S256 is supported');
  if (request.audience && !tenant.findApi(request.audience) && request.audience !== tenant.userinfoAudience)
    return fail('access_denied', `Service not found: ${request.audience}`);
  if (request.prompt && !['none', 'login', 'consent', 'select_account'].includes(request.prompt))
    return fail('invalid_request', `Unsupported prompt: ${request.prompt}`);
  return request;
}
