import http from 'k6/http';
import type { BucketId, PublishedLimit } from '../k6-and-node/documented-rate-limits.ts';

// The local tenant's loopback control API (config.localTenant.controlUrl). Its calls carry no
// `endpoint` tag, so they stay out of every per-endpoint figure and timeline of the report.

export interface RateLimitSettings {
  plan?: 'free' | 'essentials' | 'enterprise';
  /** Endpoint buckets by the tenant's ids; the ones the suites drive, and `universal_login`. */
  overrides?: Partial<Record<BucketId | 'universal_login', PublishedLimit | null>>;
  bruteForceThreshold?: number;
}

async function put(url: string, body: unknown): Promise<void> {
  const res = await http.asyncRequest('PUT', url, JSON.stringify(body), {
    headers: { 'Content-Type': 'application/json' },
    tags: { name: 'tenant control API' },
    responseCallback: http.expectedStatuses({ min: 200, max: 299 }),
  });
  if (res.status < 200 || res.status > 299)
    throw new Error(
      `the local tenant's control API answered ${res.status} to PUT ${url}: ${String(res.body).slice(0, 200)}`,
    );
}

/** Replaces the tenant's limits; new settings start every bucket full. */
export function setRateLimits(controlUrl: string, settings: RateLimitSettings): Promise<void> {
  return put(`${controlUrl}/rate-limits`, settings);
}
