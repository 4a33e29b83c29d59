// The conformance suite: every endpoint × credential method of the matrix, its success flow and its
// negative cases, each result a named check (see lib/result-protocol.ts). The profile (auth0, or the
// standards-only oidc subset) decides which rows run and which error rules apply; the plan
// (lib/conformance-plan.ts) runs each flow below once per credential method its matrix row takes,
// each in its own guard, so no failure or exception of one flow stops another.
import { withAssertionAlgorithm } from '../lib/client-assertion.ts';
import { matrixFor } from '../lib/conformance-matrix.ts';
import { conformancePlan, type FlowId } from '../lib/conformance-plan.ts';
import { authorizationServerMetadata } from '../lib/flows/authorization-server-metadata.ts';
import { crossOriginLogin } from '../lib/flows/cross-origin-login.ts';
import { ssoData } from '../lib/flows/sso-data.ts';
import { globalTokenRevocation } from '../lib/flows/global-token-revocation.ts';
import { otpChallenge, passwordlessVerify } from '../lib/flows/passwordless-otp.ts';
import { samlIdpInitiated, samlSignIn, wsfedSignIn } from '../lib/flows/federation-sign-in.ts';
import { legacyAccountEndpoints, legacyTokenEndpoints } from '../lib/flows/legacy-endpoints.ts';
import { codeForConfidentialClient, codeWithPkce, hybrid, implicit } from '../lib/flows/browser-flows.ts';
import { backchannelAuthentication } from '../lib/flows/ciba.ts';
import { databaseConnection } from '../lib/flows/database-connection.ts';
import { deviceFlowPolling } from '../lib/flows/device-flow.ts';
import { discoverTenant } from '../lib/flows/discovery.ts';
import { samlMetadata, wsfedMetadata } from '../lib/flows/federation-metadata.ts';
import type { Flow } from '../lib/flows/flow-context.ts';
import { logout, rpInitiatedLogout } from '../lib/flows/logout.ts';
import { mfaApi } from '../lib/flows/mfa-api.ts';
import { mfaLogin } from '../lib/flows/mfa-login.ts';
import { reportNotDriven } from '../lib/flows/not-driven.ts';
import { passwordlessStart } from '../lib/flows/passwordless.ts';
import { pushedAuthorization } from '../lib/flows/pushed-authorization.ts';
import { dynamicRegistration } from '../lib/flows/registration.ts';
import { revocation } from '../lib/flows/revocation.ts';
import { runPlan } from '../lib/flows/run-plan.ts';
import { tokenEndpoint } from '../lib/flows/token-endpoint.ts';
import { passwordLogin } from '../lib/flows/user-login.ts';
import { userinfo } from '../lib/flows/userinfo.ts';
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
  passwordLogin,
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
  reportNotDriven(profile);
}

export function handleSummary(data: Parameters<typeof summaryOutputs>[0]): Record<string, string> {
  return summaryOutputs(data, 'conformance');
}
