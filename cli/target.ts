import { UsageError } from './usage-error.ts';

export type Target = { kind: 'local' } | { kind: 'remote'; baseUrl: string; loopback: boolean };

const LOOPBACK_HOSTS = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

function isLoopbackUrl(url: URL): boolean {
  return LOOPBACK_HOSTS.test(url.hostname);
}

export function parseTarget(value: string): Target {
  if (value === 'local') return { kind: 'local' };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(
      `--target: "${value}" is neither "local" nor a URL; give the tenant's base URL, e.g. --target https://your-tenant.eu.auth0.com`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UsageError(`--target: "${value}" must be an http(s) URL, e.g. https://your-tenant.eu.auth0.com`);
  }
  return { kind: 'remote', baseUrl: url.origin, loopback: isLoopbackUrl(url) };
}

// Auth0's load-testing policy (docs/auth0-api.md §6), shown when a load or rate-limit run would leave loopback.
export const LOAD_POLICY_NOTICE = [
  'Auth0 allows load tests against its cloud only with prior written approval:',
  '  - Enterprise subscribers only, against approved tenants, at most one test a year (two repeats);',
  '  - request it through the Support Center at least 2 weeks ahead (Tue-Thu, regional off-peak window, at most 2 hours);',
  '  - stay within the published production rate limits, with a ramp-up plan.',
  'Pass --i-have-permission only if you hold that approval for this tenant and window.',
].join('\n');
