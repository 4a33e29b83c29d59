// The conformance suite: every endpoint × credential method of the matrix, its success flow and its
// negative cases, each result a named check (see lib/result-protocol.ts). The profile (auth0, or the
// standards-only oidc subset) decides which rows run and which error rules apply.
import { matrixFor } from '../lib/conformance-matrix.ts';
import { browserFlows } from '../lib/flows/browser-flows.ts';
import { ciba } from '../lib/flows/ciba.ts';
import { databaseConnection } from '../lib/flows/database-connection.ts';
import { deviceFlowPolling } from '../lib/flows/device-flow.ts';
import { discoverTenant } from '../lib/flows/discovery.ts';
import { federationMetadata } from '../lib/flows/federation-metadata.ts';
import type { FlowContext } from '../lib/flows/flow-context.ts';
import { reportNotDriven } from '../lib/flows/not-driven.ts';
import { passwordlessStart } from '../lib/flows/passwordless.ts';
import { tokenEndpointAsPublicClient } from '../lib/flows/public-client.ts';
import { pushedAuthorization } from '../lib/flows/pushed-authorization.ts';
import { dynamicRegistration } from '../lib/flows/registration.ts';
import { revocation } from '../lib/flows/revocation.ts';
import { tokenEndpointAsConfidentialClient } from '../lib/flows/token-endpoint.ts';
import { userinfoRefusesUnknownToken } from '../lib/flows/userinfo.ts';
import { mfaApi } from '../lib/flows/mfa-api.ts';
import { mfaLogin } from '../lib/flows/mfa-login.ts';
import { passwordLogin } from '../lib/flows/user-login.ts';
import { openHarnessConfig } from '../lib/open-harness-config.ts';
import { perEndpointThresholds, SUMMARY_TREND_STATS, summaryOutputs } from '../lib/summary-outputs.ts';

const config = openHarnessConfig();
const profile = config.profile;
const CONFIDENTIAL = ['client_secret_post', 'client_secret_basic', 'private_key_jwt', 'tls_client_auth'] as const;

export const options = {
  scenarios: {
    conformance: { executor: 'shared-iterations', vus: 1, iterations: 1, maxDuration: '10m' },
  },
  thresholds: perEndpointThresholds(matrixFor(profile).map((row) => row.endpoint)),
  summaryTrendStats: SUMMARY_TREND_STATS,
};

export default async function conformance(): Promise<void> {
  const tenant = await discoverTenant(config, profile);
  if (!tenant) return;
  const ctx: FlowContext = { config, profile, tenant };

  for (const method of CONFIDENTIAL) await tokenEndpointAsConfidentialClient(ctx, method);
  await tokenEndpointAsPublicClient(ctx);
  await deviceFlowPolling(ctx);
  for (const method of ['none', 'client_secret_post', 'client_secret_basic', 'private_key_jwt'] as const)
    await revocation(ctx, method);
  for (const method of CONFIDENTIAL) await pushedAuthorization(ctx, method);
  await userinfoRefusesUnknownToken(ctx);
  await dynamicRegistration(ctx);

  if (profile === 'auth0') {
    await browserFlows(ctx);
    const subjects: (string | undefined)[] = [];
    for (const method of ['none', ...CONFIDENTIAL] as const) subjects.push(await passwordLogin(ctx, method));
    await ciba(ctx, subjects.find(Boolean));
    for (const method of ['none', 'client_secret_post', 'private_key_jwt'] as const) await mfaLogin(ctx, method);
    await databaseConnection(ctx);
    for (const method of ['none', 'client_secret_post', 'private_key_jwt'] as const)
      await passwordlessStart(ctx, method);
    await federationMetadata(ctx);
    await mfaApi(ctx);
  }
  reportNotDriven(profile);
}

export function handleSummary(data: Parameters<typeof summaryOutputs>[0]): Record<string, string> {
  return summaryOutputs(data, 'conformance');
}
