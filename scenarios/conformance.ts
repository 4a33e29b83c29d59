// The conformance suite: every endpoint × credential method of the matrix, its success flow and its
// negative cases, each result a named check (see lib/result-protocol.ts).
import { CONFORMANCE_MATRIX } from '../lib/conformance-matrix.ts';
import { clientCredentialsWithSecret } from '../lib/flows/client-credentials.ts';
import { discoverTenant } from '../lib/flows/discovery.ts';
import { loadHarnessConfig } from '../lib/load-config.ts';
import { perEndpointThresholds, SUMMARY_TREND_STATS, summaryOutputs } from '../lib/summary-outputs.ts';

const config = loadHarnessConfig();

export const options = {
  scenarios: {
    conformance: { executor: 'shared-iterations', vus: 1, iterations: 1, maxDuration: '10m' },
  },
  thresholds: perEndpointThresholds(CONFORMANCE_MATRIX.map((row) => row.endpoint)),
  summaryTrendStats: SUMMARY_TREND_STATS,
};

export default async function conformance(): Promise<void> {
  const tenant = await discoverTenant(config);
  if (!tenant) return;
  await clientCredentialsWithSecret(config, tenant, 'client_secret_post');
  await clientCredentialsWithSecret(config, tenant, 'client_secret_basic');
}

export function handleSummary(data: Parameters<typeof summaryOutputs>[0]): Record<string, string> {
  return summaryOutputs(data, 'conformance');
}
