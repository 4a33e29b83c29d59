import { jsonBody, type Exchange } from '../../checks/exchange.ts';
import { discoveryCheckSets } from '../../checks/sets/discovery.ts';
import { endpointResponseChecks } from '../../checks/sets/endpoint-responses.ts';
import { tokenCheckSets } from '../../checks/sets/token-checks.ts';
import { tokenSuccessChecks } from '../../checks/sets/token-response.ts';
import type { TokenExpectations } from '../../checks/token/token-under-test.ts';
import { tenantToken } from '../conformance/token-checks-for.ts';
import type { ClientMethod } from '../k6-and-node/credential-methods.ts';
import type { FlowContext } from '../conformance/flow-context.ts';
import { postAsClient, TOKEN_ENDPOINT } from '../conformance/token-request.ts';
import type { CheckCell } from '../k6-and-node/result-protocol.ts';
import { sendRequest, type OutgoingRequest } from '../send-request.ts';
import { checkSample, takeSample } from './conformance-sample.ts';
import type { LoadFlowName } from '../k6-and-node/load-flow-names.ts';
import { AUTHORIZE, callbackChecks, LOGIN_PAGE, LOGIN_POST, loginThroughPage } from './login-page-flow.ts';
import { FLOW_LOGIN_SCOPE, loginClientParams, passwordRealmRequest, type LoginUser } from './user-login.ts';
import { poolUser, replaceTokens, vuTokens } from './vu-credentials.ts';

// The flows a load run mixes: each iteration of a flow is what one client does once. Requests are
// built as the conformance flows build them (postAsClient, the credential methods); a sampled
// response goes through the conformance suite's check sets, the rest count toward latency and
// http_req_failed only.

export interface LoadRun extends FlowContext {
  pool: LoginUser[];
  sampleEvery: number;
}

interface LoadFlow {
  /** Endpoints the flow's measured requests hit (the report's rows and the thresholds' keys). */
  endpoints: string[];
  run(run: LoadRun, flow: string): Promise<void>;
}

const USERINFO = 'GET /userinfo';
const DISCOVERY = 'GET /.well-known/openid-configuration';
const JWKS = 'GET /.well-known/jwks.json';
const SIGNUP = 'POST /dbconnections/signup';
const PASSWORDLESS = 'POST /passwordless/start';

const tokenEndpoint = (run: LoadRun) => run.tenant.endpoints.token_endpoint ?? `${run.config.baseUrl}/oauth/token`;

/**
 * A sampled token response: the success checks, then its access token with the same sets the
 * conformance flows apply (signature, issuer, audience, lifetime, the profile's claims, the grant's).
 */
async function sampleTokenResponse(
  run: LoadRun,
  flow: string,
  cell: CheckCell,
  exchange: Exchange,
  expect: Omit<TokenExpectations, 'issuer' | 'discoveryIssuer'>,
  grantChecks: typeof tokenCheckSets.accessToken,
  sampled = takeSample(run.sampleEvery),
): Promise<void> {
  if (!sampled) return;
  if (!(await checkSample(flow, cell, [tokenSuccessChecks], exchange, exchange))) return;
  const accessToken = (jsonBody(exchange.response) as { access_token: string }).access_token;
  const token = tenantToken(run, 'access_token', accessToken, {
    ...expect,
    issuer: run.config.issuer,
    discoveryIssuer: run.tenant.issuer,
  });
  const profileChecks =
    run.profile === 'auth0' ? tokenCheckSets.auth0AccessTokenProfile : tokenCheckSets.rfc9068AccessTokenProfile;
  await checkSample(flow, cell, [tokenCheckSets.accessToken, profileChecks, grantChecks], token, exchange);
}

function clientCredentialsFlow(method: Exclude<ClientMethod, 'none'>): LoadFlow {
  return {
    endpoints: [TOKEN_ENDPOINT],
    async run(run, flow) {
      // Auth0 names the API with `audience`; standard providers with RFC 8707 `resource`.
      const params: Record<string, string> = {
        grant_type: 'client_credentials',
        [run.profile === 'auth0' ? 'audience' : 'resource']: run.config.audience,
      };
      const exchange = await postAsClient(run, {
        endpoint: TOKEN_ENDPOINT,
        url: tokenEndpoint(run),
        method,
        params,
        expectedStatuses: [200],
      });
      if (!exchange) return;
      const grantChecks = run.profile === 'auth0' ? tokenCheckSets.clientCredentialsAccessToken : [];
      const expect = {
        clientId: run.config.clients[method]?.clientId as string,
        audience: run.config.audience,
        grantType: 'client-credentials',
      };
      await sampleTokenResponse(
        run,
        flow,
        { endpoint: TOKEN_ENDPOINT, credential: method },
        exchange,
        expect,
        grantChecks,
      );
    },
  };
}

const passwordRealm: LoadFlow = {
  endpoints: [TOKEN_ENDPOINT],
  async run(run, flow) {
    const user = poolUser(run.pool);
    const request =
      user && passwordRealmRequest(run.config, tokenEndpoint(run), user, TOKEN_ENDPOINT, [200], FLOW_LOGIN_SCOPE);
    if (!request) return;
    const exchange = await sendRequest(request);
    await sampleTokenResponse(
      run,
      flow,
      request,
      exchange,
      { clientId: request.form?.client_id ?? '', audience: run.config.audience },
      [],
    );
  },
};

// Refresh with rotation: each refresh returns a new refresh token that replaces the old one (docs/auth0-api.md §8.8).
const refreshRotation: LoadFlow = {
  endpoints: [TOKEN_ENDPOINT],
  async run(run, flow) {
    const tokens = await vuTokens(run.config, tokenEndpoint(run), run.pool);
    const client = loginClientParams(run.config);
    if (!tokens?.refreshToken || !client) return;
    const cell: CheckCell = {
      endpoint: TOKEN_ENDPOINT,
      credential: run.config.clients.none ? 'none' : 'client_secret_post',
    };
    const exchange = await sendRequest({
      ...cell,
      method: 'POST',
      url: tokenEndpoint(run),
      form: { grant_type: 'refresh_token', ...client, refresh_token: tokens.refreshToken },
      expectedStatuses: [200],
    });
    const body = jsonBody(exchange.response) as { access_token?: string; refresh_token?: string } | undefined;
    // A failed refresh drops the VU's tokens, so its next iteration logs in again.
    replaceTokens(
      body?.access_token
        ? { accessToken: body.access_token, refreshToken: body.refresh_token ?? tokens.refreshToken }
        : undefined,
    );
    await sampleTokenResponse(
      run,
      flow,
      cell,
      exchange,
      { clientId: client.client_id, audience: run.config.audience },
      [],
    );
  },
};

// Authorization code + PKCE through the login page, as the public client (docs/auth0-api.md §1.1, §8.7).
const authorizationCodePkce: LoadFlow = {
  endpoints: [AUTHORIZE, LOGIN_PAGE, LOGIN_POST, TOKEN_ENDPOINT],
  async run(run, flow) {
    const client = run.config.clients.none;
    const user = poolUser(run.pool);
    const authorizeUrl = run.tenant.endpoints.authorization_endpoint;
    if (!client?.redirectUri || !user || !authorizeUrl) return;
    const login = await loginThroughPage(
      run.config.baseUrl,
      authorizeUrl,
      { clientId: client.clientId, redirectUri: client.redirectUri },
      run.config.audience,
      user,
    );
    if (!login) return;
    const cell: CheckCell = { endpoint: TOKEN_ENDPOINT, credential: 'none' };
    const exchange = await sendRequest({
      ...cell,
      method: 'POST',
      url: tokenEndpoint(run),
      form: {
        grant_type: 'authorization_code',
        client_id: client.clientId,
        code: login.code,
        code_verifier: login.verifier,
        redirect_uri: client.redirectUri,
      },
      expectedStatuses: [200],
    });
    // One sample covers the whole flow: the callback redirect, then the tokens it led to.
    if (!takeSample(run.sampleEvery)) return;
    await checkSample(
      flow,
      { endpoint: LOGIN_POST, credential: 'none' },
      [callbackChecks],
      login.callback,
      login.callback,
    );
    await sampleTokenResponse(
      run,
      flow,
      cell,
      exchange,
      { clientId: client.clientId, audience: run.config.audience },
      [],
      true,
    );
  },
};

async function sampledRequest(
  run: LoadRun,
  flow: string,
  request: OutgoingRequest,
  checks: Parameters<typeof checkSample<Exchange>>[2][number],
): Promise<void> {
  const exchange = await sendRequest(request);
  if (takeSample(run.sampleEvery)) await checkSample(flow, request, [checks], exchange, exchange);
}

const userinfo: LoadFlow = {
  endpoints: [USERINFO],
  async run(run, flow) {
    const tokens = await vuTokens(run.config, tokenEndpoint(run), run.pool);
    const url = run.tenant.endpoints.userinfo_endpoint;
    if (!tokens || !url) return;
    const request: OutgoingRequest = {
      endpoint: USERINFO,
      credential: 'bearer',
      method: 'GET',
      url,
      headers: { Authorization: `Bearer ${tokens.accessToken}` },
      expectedStatuses: [200],
    };
    await sampledRequest(run, flow, request, endpointResponseChecks.userinfo);
  },
};

const discoveryAndJwks: LoadFlow = {
  endpoints: [DISCOVERY, JWKS],
  async run(run, flow) {
    const sampled = takeSample(run.sampleEvery);
    const discovery = await sendRequest({
      endpoint: DISCOVERY,
      credential: 'none',
      method: 'GET',
      url: `${run.config.baseUrl}/.well-known/openid-configuration`,
      expectedStatuses: [200],
    });
    const jwks = await sendRequest({
      endpoint: JWKS,
      credential: 'none',
      method: 'GET',
      url: `${run.config.baseUrl}/.well-known/jwks.json`,
      expectedStatuses: [200],
    });
    if (!sampled) return;
    discovery.expect = { issuer: run.config.issuer };
    await checkSample(
      flow,
      { endpoint: DISCOVERY, credential: 'none' },
      [discoveryCheckSets.discovery],
      discovery,
      discovery,
    );
    await checkSample(flow, { endpoint: JWKS, credential: 'none' }, [discoveryCheckSets.jwks], jwks, jwks);
  },
};

let signups = 0;
const signup: LoadFlow = {
  endpoints: [SIGNUP],
  async run(run, flow) {
    const client = loginClientParams(run.config);
    if (!client) return;
    const id = `${Date.now().toString(36)}-${__VU}-${++signups}`;
    const json = {
      client_id: client.client_id,
      email: `load-${id}@harness.invalid`,
      password: `Load-${id}-pass!9`,
      connection: run.config.connections.database,
    };
    await sampledRequest(
      run,
      flow,
      {
        endpoint: SIGNUP,
        credential: null,
        method: 'POST',
        url: `${run.config.baseUrl}/dbconnections/signup`,
        json,
        expectedStatuses: [200],
      },
      endpointResponseChecks.signup,
    );
  },
};

const passwordlessStart: LoadFlow = {
  endpoints: [PASSWORDLESS],
  async run(run, flow) {
    const clientId = run.config.clients.none?.clientId;
    if (!clientId) return;
    const json = {
      client_id: clientId,
      connection: run.config.connections.passwordlessEmail,
      email: `load-${__VU}@harness.invalid`,
      send: 'code',
    };
    await sampledRequest(
      run,
      flow,
      {
        endpoint: PASSWORDLESS,
        credential: 'none',
        method: 'POST',
        url: `${run.config.baseUrl}/passwordless/start`,
        json,
        expectedStatuses: [200],
      },
      endpointResponseChecks.passwordlessStart,
    );
  },
};

export const LOAD_FLOWS = {
  client_credentials_post: clientCredentialsFlow('client_secret_post'),
  client_credentials_basic: clientCredentialsFlow('client_secret_basic'),
  client_credentials_private_key_jwt: clientCredentialsFlow('private_key_jwt'),
  client_credentials_mtls: clientCredentialsFlow('tls_client_auth'),
  password_realm: passwordRealm,
  authorization_code_pkce: authorizationCodePkce,
  refresh_rotation: refreshRotation,
  userinfo,
  discovery_jwks: discoveryAndJwks,
  signup,
  passwordless_start: passwordlessStart,
} satisfies Record<LoadFlowName, LoadFlow>;

export function flowEndpoints(flows: readonly string[]): string[] {
  return [...new Set(flows.flatMap((f) => LOAD_FLOWS[f as LoadFlowName].endpoints))];
}
