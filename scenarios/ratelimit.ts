// The rate-limit suite: every rate-limited endpoint of docs/auth0-api.md §4 driven past its bucket, one at a time,
// and held to the X-RateLimit-* rules of checks/ratelimit/. On the local tenant each bucket is first
// shrunk through the control API so a drive takes moments.
import { discoverTenant } from '../lib/conformance/discovery.ts';
import { guarded } from '../lib/conformance/flow-guard.ts';
import { openHarnessConfig } from '../lib/open-harness-config.ts';
import { recordSkip } from '../lib/record-checks.ts';
import { checkRateLimitedEndpoint } from '../lib/ratelimit/check-rate-limited-endpoint.ts';
import { driveContext } from '../lib/ratelimit/drive-context.ts';
import { RATE_LIMITED_ENDPOINTS } from '../lib/ratelimit/rate-limited-endpoints.ts';
import { rateLimitFigureThresholds } from '../lib/ratelimit/report-figures.ts';
import { rateLimitSuiteSettings } from '../lib/ratelimit/suite-settings.ts';
import { perEndpointThresholds, SUMMARY_TREND_STATS, summaryOutputs } from '../lib/summary-outputs.ts';

const config = openHarnessConfig();
const settings = rateLimitSuiteSettings(config);
const endpoints = RATE_LIMITED_ENDPOINTS.filter(
  (e) => !settings.only || settings.only.includes(e.bucket) || settings.only.includes(e.label),
);
const labels = endpoints.map((e) => e.label);

export const options = {
  scenarios: {
    ratelimit: { executor: 'shared-iterations', vus: 1, iterations: 1, maxDuration: '15m' },
  },
  thresholds: { ...perEndpointThresholds(labels), ...rateLimitFigureThresholds(labels) },
  summaryTrendStats: SUMMARY_TREND_STATS,
};

export default async function ratelimit(): Promise<void> {
  const tenant = await discoverTenant(config, config.profile);
  const ctx = await driveContext(config, tenant);
  for (const endpoint of endpoints) {
    // Each drive in its own guard: an exception fails its endpoint, and the next one is still driven.
    const cell = { endpoint: endpoint.label, credential: null };
    const skipped = await guarded(`rate-limit drive of ${endpoint.label}`, [cell], () =>
      checkRateLimitedEndpoint(endpoint, ctx, settings),
    );
    if (skipped) recordSkip(cell, skipped);
  }
}

export function handleSummary(data: Parameters<typeof summaryOutputs>[0]): Record<string, string> {
  return summaryOutputs(data, 'ratelimit');
}
