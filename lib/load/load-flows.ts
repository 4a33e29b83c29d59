import { jsonBody, type Exchange } from '../../checks/exchange.ts';
import { jsonContentType } from '../../checks/http/json-content-type.ts';
import { statusCheck } from '../../checks/http/status.ts';
import { clientCredentialsCheckSets } from '../../checks/sets/client-credentials.ts';
import { discoveryCheckSets } from '../../checks/sets/discovery.ts';
import { tokenCheckSets } from '../../checks/sets/token-checks.ts';
import { tokenUnderTest } from '../../checks/token/token-under-test.ts';
import { withClientSecret } from '../credential-methods.ts';
import type { TenantMetadata } from '../flows/discovery.ts';
import type { HarnessConfig } from '../harness-config.ts';
import type { CheckCell } from '../result-protocol.ts';
import { sendRequest, type OutgoingRequest } from '../send-request.ts';
import { checkSample, takeSample } from './conformance-sample.ts';
import type { LoadFlowName } from './flow-names.ts';
import { loginClientParams, passwordRealmRequest, type LoginUser } from './user-login.ts';
import { poolUser, replaceTokens, vuTokens } from './vu-credentials.ts';

// The flows a load run mixes: each iteration of a flow is what one client does once. Requests are the
// same as the conformance suite's; sampled responses go through its check sets (composed here, not
// re-implemented), the rest count toward latency and errors only.

export interface LoadRun {
  config: HarnessConfig;
  tenant: TenantMetadata;
  pool: LoginUser[];
  sampleEvery: number;
}

interface LoadFlow {
  /** Endpoints the flow's measured requests hit (the report's rows and the thresholds' keys). */
  endpoints: string[];
  run(run: LoadRun, flow: string): Promise<void>;
}

const TOKEN = 'POST /oauth/token';
const USERINFO = 'GET /userinfo';
const DISCOVERY = 'GET /.well-known/openid-configuration';
const JWKS = 'GET /.well-known/jwks.json';
const SIGNUP = 'POST /dbconnections/signup';
const PASSWORDLESS = 'POST /passwordless/start';

/** A successful token response, and (sampled) its access token's signature and claims. */
async function tokenSample(run: LoadRun, flow: string, cell: CheckCell, exchange: Exchange, clientId: string, extra = [] as typeof tokenCheckSets.clientCredentialsAccessToken) {
  if (!takeSample(flow, run.sampleEvery)) return;
  const accessToken = (jsonBody(exchange.response) as { access_token?: string } | undefined)?.access_token ?? '';
  const token = tokenUnderTest('access_token', accessToken, { issuer: run.config.issuer, clientId, audience: run.config.audience }, run.tenant.jwks);
  await checkSample(flow, cell, [clientCredentialsCheckSets.tokenSuccess], exchange, exchange);
  await checkSample(flow, cell, [tokenCheckSets.accessToken, extra], token, exchange);
}

function clientCredentialsFlow(method: 'client_secret_post' | 'client_secret_basic'): LoadFlow {
  return {
    endpoints: [TOKEN],
    async run(run, flow) {
      const client = run.config.clients[method];
      if (!client) return;
      const cell: CheckCell = { endpoint: TOKEN, credential: method };
      const parts = withClientSecret(method, client, { grant_type: 'client_credentials', audience: run.config.audience });
      const exchange = await sendRequest({ ...cell, method: 'POST', url: run.tenant.tokenEndpoint, form: parts.params, headers: parts.headers, expectedStatuses: [200] });
      await tokenSample(run, flow, cell, exchange, client.clientId, tokenCheckSets.clientCredentialsAccessToken);
    },
  };
}

const passwordRealm: LoadFlow = {
  endpoints: [TOKEN],
  async run(run, flow) {
    const user = poolUser(run.pool);
    const request = user && passwordRealmRequest(run.config, run.tenant.tokenEndpoint, user, TOKEN, [200]);
    if (!request) return;
    const exchange = await sendRequest(request);
    await tokenSample(run, flow, request, exchange, request.form?.client_id ?? '');
  },
};

// Refresh with rotation: each refresh returns a new refresh token that replaces the old one (spec §8.8).
const refreshRotation: LoadFlow = {
  endpoints: [TOKEN],
  async run(run, flow) {
    const tokens = await vuTokens(run.config, run.tenant.tokenEndpoint, run.pool);
    const client = loginClientParams(run.config);
    if (!tokens?.refreshToken || !client) return;
    const cell: CheckCell = { endpoint: TOKEN, credential: run.config.clients.none ? 'none' : 'client_secret_post' };
    const exchange = await sendRequest({ ...cell, method: 'POST', url: run.tenant.tokenEndpoint, form: { grant_type: 'refresh_token', ...client, refresh_token: tokens.refreshToken }, expectedStatuses: [200] });
    const body = jsonBody(exchange.response) as { access_token?: string; refresh_token?: string } | undefined;
    // A failed refresh drops the VU's tokens, so its next iteration logs in again.
    replaceTokens(body?.access_token ? { accessToken: body.access_token, refreshToken: body.refresh_token ?? tokens.refreshToken } : undefined);
    await tokenSample(run, flow, cell, exchange, client.client_id);
  },
};

async function simpleFlow(run: LoadRun, flow: string, request: OutgoingRequest, subject: string, status: number): Promise<void> {
  const exchange = await sendRequest(request);
  if (takeSample(flow, run.sampleEvery)) await checkSample(flow, request, [[statusCheck(subject, status, 'auth0-spec §1.2'), jsonContentType]], exchange, exchange);
}

const userinfo: LoadFlow = {
  endpoints: [USERINFO],
  async run(run, flow) {
    const tokens = await vuTokens(run.config, run.tenant.tokenEndpoint, run.pool);
    if (!tokens) return;
    await simpleFlow(run, flow, { endpoint: USERINFO, credential: 'bearer', method: 'GET', url: `${run.config.baseUrl}/userinfo`, headers: { Authorization: `Bearer ${tokens.accessToken}` }, expectedStatuses: [200] }, 'userinfo', 200);
  },
};

const discoveryAndJwks: LoadFlow = {
  endpoints: [DISCOVERY, JWKS],
  async run(run, flow) {
    const sampled = takeSample(flow, run.sampleEvery);
    const discovery = await sendRequest({ endpoint: DISCOVERY, credential: 'none', method: 'GET', url: `${run.config.baseUrl}/.well-known/openid-configuration`, expectedStatuses: [200] });
    const jwks = await sendRequest({ endpoint: JWKS, credential: 'none', method: 'GET', url: `${run.config.baseUrl}/.well-known/jwks.json`, expectedStatuses: [200] });
    if (!sampled) return;
    await checkSample(flow, { endpoint: DISCOVERY, credential: 'none' }, [discoveryCheckSets.discovery(run.config.issuer)], discovery, discovery);
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
    await simpleFlow(
      run,
      flow,
      { endpoint: SIGNUP, credential: null, method: 'POST', url: `${run.config.baseUrl}/dbconnections/signup`, json: { client_id: client.client_id, email: `load-${id}@harness.invalid`, password: `Load-${id}-pass!9`, connection: run.config.connections.database }, expectedStatuses: [200] },
      'signup',
      200,
    );
  },
};

const passwordlessStart: LoadFlow = {
  endpoints: [PASSWORDLESS],
  async run(run, flow) {
    const clientId = run.config.clients.none?.clientId;
    if (!clientId) return;
    await simpleFlow(
      run,
      flow,
      { endpoint: PASSWORDLESS, credential: 'none', method: 'POST', url: `${run.config.baseUrl}/passwordless/start`, json: { client_id: clientId, connection: run.config.connections.passwordlessEmail, email: `load-${__VU}@harness.invalid`, send: 'code' }, expectedStatuses: [200] },
      'passwordless_start',
      200,
    );
  },
};

export const LOAD_FLOWS = {
  client_credentials_post: clientCredentialsFlow('client_secret_post'),
  client_credentials_basic: clientCredentialsFlow('client_secret_basic'),
  password_realm: passwordRealm,
  refresh_rotation: refreshRotation,
  userinfo,
  discovery_jwks: discoveryAndJwks,
  signup,
  passwordless_start: passwordlessStart,
} satisfies Record<LoadFlowName, LoadFlow>;

export function flowEndpoints(flows: readonly string[]): string[] {
  return [...new Set(flows.flatMap((f) => LOAD_FLOWS[f as LoadFlowName].endpoints))];
}
