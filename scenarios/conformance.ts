// The conformance suite: every endpoint × credential method of the matrix, its success flow and its
// negative cases, each result a named check (see lib/k6-and-node/result-protocol.ts). The profile (auth0, or the
// standards-only oidc subset) decides which rows run and which error rules apply; the plan
// (lib/conformance/conformance-plan.ts) runs each flow below once per credential method its matrix row takes,
// each in its own guard, so no failure or exception of one flow stops another.
import { withAssertionAlgorithm } from '../lib/k6-and-node/client-assertion.ts';
import { matrixFor } from '../lib/k6-and-node/conformance-matrix.ts';
import { conformancePlan, type FlowId } from '../lib/conformance/conformance-plan.ts';
import { authorizationServerMetadata } from '../lib/conformance/authorization-server-metadata.ts';
import { crossOriginLogin } from '../lib/conformance/cross-origin-login.ts';
import { ssoData } from '../lib/conformance/sso-data.ts';
import { globalTokenRevocation } from '../lib/conformance/global-token-revocation.ts';
import { otpChallenge, passwordlessVerify } from '../lib/conformance/passwordless-otp.ts';
import { samlIdpInitiated, samlSignIn, wsfedSignIn } from '../lib/conformance/federation-sign-in.ts';
import { legacyAccountEndpoints, legacyTokenEndpoints } from '../lib/conformance/legacy-endpoints.ts';
import { codeForConfidentialClient, codeWithPkce, hybrid, implicit } from '../lib/conformance/browser-flows.ts';
import { backchannelAuthentication } from '../lib/conformance/ciba.ts';
import { databaseConnection } from '../lib/conformance/database-connection.ts';
import { deviceFlowPolling } from '../lib/conformance/device-flow.ts';
import { discoverTenant } from '../lib/conformance/discovery.ts';
import { samlMetadata, wsfedMetadata } from '../lib/conformance/federation-metadata.ts';
import type { Flow } from '../lib/conformance/flow-context.ts';
import { logout, rpInitiatedLogout } from '../lib/conformance/logout.ts';
import { mfaApi } from '../lib/conformance/mfa-api.ts';
import { mfaLogin } from '../lib/conformance/mfa-login.ts';
import { passwordlessStart } from '../lib/conformance/passwordless.ts';
import { pushedAuthorization } from '../lib/conformance/pushed-authorization.ts';
import { dynamicRegistration } from '../lib/conformance/registration.ts';
import { revocation } from '../lib/conformance/revocation.ts';
import { runPlan } from '../lib/conformance/run-plan.ts';
import { tokenEndpoint } from '../lib/conformance/token-endpoint.ts';
import { passwordRealmLogin } from '../lib/conformance/user-login.ts';
import { userinfo } from '../lib/conformance/userinfo.ts';
import { openHarnessConfig } from '../lib/open-harness-config.ts';
import { rateLimitHeaderRules } from '../lib/ratelimit/response-rate-limit-rules.ts';
import { judgeEveryResponse } from '../lib/record-checks.ts';
import { runtimeAlgorithmNotices } from '../lib/runtime-algorithm-notice.ts';
import { perEndpointThresholds, SUMMARY_TREND_STATS, summaryOutputs } from '../lib/summary-outputs.ts';
import { tlsOptions } from '../lib/tls-options.ts';

const config = openHarnessConfig();
const profile = config.profile;

/** The code of each flow of the plan. */
const FLOWS: Record<FlowId, Flow> = {
  tokenEndpoint,
  deviceFlow: deviceFlowPolling,
  revocation,
  pushedAuthorization,
  userinfo,
  dynamicRegistration,
  codeWithPkce,
  codeForConfidentialClient,
  implicit,
  hybrid,
  logout,
  rpInitiatedLogout,
  passwordRealmLogin,
  backchannelAuthentication,
  mfaLogin,
  databaseConnection,
  passwordlessStart,
  samlMetadata,
  wsfedMetadata,
  samlSignIn,
  wsfedSignIn,
  samlIdpInitiated,
  passwordlessVerify,
  otpChallenge,
  globalTokenRevocation,
  authorizationServerMetadata,
  crossOriginLogin,
  ssoData,
  legacyTokenEndpoints,
  legacyAccountEndpoints,
  mfaApi,
};

export const options = {
  scenarios: {
    conformance: { executor: 'shared-iterations', vus: 1, iterations: 1, maxDuration: '10m' },
  },
  thresholds: perEndpointThresholds(matrixFor(profile).map((row) => row.endpoint)),
  summaryTrendStats: SUMMARY_TREND_STATS,
  // The mutual TLS client's certificate goes in the TLS handshake (RFC 8705): k6's tlsAuth.
  ...tlsOptions(config),
};

export default async function conformance(): Promise<void> {
  // X-RateLimit-* are Auth0's (docs/auth0-api.md §4.2); the standards promise no such headers.
  if (profile === 'auth0') judgeEveryResponse(rateLimitHeaderRules(matrixFor(profile)));
  const tenant = await discoverTenant(config, profile);
  const settled = withAssertionAlgorithm(config, profile, tenant.algorithms);
  for (const notice of await runtimeAlgorithmNotices(tenant.jwks, settled)) console.warn(notice);
  await runPlan(conformancePlan(profile), FLOWS, { config: settled, profile, tenant, learned: {} });
}

export function handleSummary(data: Parameters<typeof summaryOutputs>[0]): Record<string, string> {
  return summaryOutputs(data, 'conformance');
}
