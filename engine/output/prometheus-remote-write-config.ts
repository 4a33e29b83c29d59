import { parseDuration } from '../duration.ts';
import { isTrendStat } from '../metrics/summary-values.ts';

/** The `--out` name of k6's built-in Prometheus remote-write output. */
export const PROMETHEUS_RW_OUTPUT = 'experimental-prometheus-rw';

/** How the output is configured: k6 reads these from the process environment (not from `-e`). */
export interface RemoteWriteConfig {
  serverUrl: URL;
  pushIntervalMs: number;
  /** Trend statistics written as gauges, as `--summary-trend-stats` names them (`p(99)`, `avg`, `sum`…). */
  trendStats: string[];
  trendAsNativeHistogram: boolean;
  staleMarkers: boolean;
  insecureSkipTlsVerify: boolean;
  tlsMinVersion: 'TLSv1.2' | 'TLSv1.3';
  clientCertificate?: { certFile: string; keyFile: string };
  /** Basic authentication, when a username is set. */
  basicAuth?: { username: string; password: string };
  headers: Record<string, string>;
}

// k6's defaults (internal/output/prometheusrw/remotewrite/config.go).
const DEFAULT_SERVER_URL = 'http://localhost:9090/api/v1/write';
const DEFAULT_PUSH_INTERVAL = '5s';
const DEFAULT_TREND_STATS = ['p(99)'];
const ENV = 'K6_PROMETHEUS_RW_';

/** A setting k6 would also refuse; the message names the variable and the fix. */
export class RemoteWriteConfigError extends Error {}

// Go's strconv.ParseBool, which k6's envconfig uses.
function bool(name: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
  throw new RemoteWriteConfigError(`${name}=${value}: expected true or false`);
}

// k6's extended durations: a bare number is milliseconds, otherwise "5s", "1m30s", "500ms".
function pushInterval(value: string | undefined): number {
  const name = `${ENV}PUSH_INTERVAL`;
  const text = value || DEFAULT_PUSH_INTERVAL;
  let ms: number;
  try {
    ms = /^\d+(?:\.\d+)?$/.test(text) ? Number(text) : parseDuration(text, name);
  } catch {
    throw new RemoteWriteConfigError(`${name}=${text}: expected a duration such as 5s, 1m or 500ms`);
  }
  if (!(ms > 0)) throw new RemoteWriteConfigError(`${name}=${text}: the push interval must be longer than zero`);
  return ms;
}

function trendStats(value: string | undefined): string[] {
  if (!value) return DEFAULT_TREND_STATS;
  const stats = value.split(',').map((s) => s.trim());
  for (const stat of stats) {
    const percentile = /^p\((.*)\)$/.exec(stat)?.[1];
    const valid = stat === 'sum' || (isTrendStat(stat) && (percentile === undefined || Number(percentile) <= 100));
    if (!valid)
      throw new RemoteWriteConfigError(
        `${ENV}TREND_STATS: "${stat}" is not a trend statistic; use avg, min, med, max, count, sum or p(N) with N from 0 to 100`,
      );
  }
  return stats;
}

function serverUrl(value: string | undefined): URL {
  const text = value || DEFAULT_SERVER_URL;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new RemoteWriteConfigError(`${ENV}SERVER_URL=${text}: expected an http(s) URL such as ${DEFAULT_SERVER_URL}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new RemoteWriteConfigError(`${ENV}SERVER_URL=${text}: expected an http or https URL`);
  return url;
}

function headers(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  // K6_PROMETHEUS_RW_HEADERS_<Name>=value, one header each.
  for (const [key, value] of Object.entries(env))
    if (key.startsWith(`${ENV}HEADERS_`) && value !== undefined) out[key.slice(`${ENV}HEADERS_`.length)] = value;
  // K6_PROMETHEUS_RW_HTTP_HEADERS=Name:value,Other:value
  const list = env[`${ENV}HTTP_HEADERS`];
  if (list !== undefined) {
    for (const pair of list.split(',')) {
      const parts = pair.split(':');
      if (parts.length !== 2)
        throw new RemoteWriteConfigError(
          `${ENV}HTTP_HEADERS: "${pair}" does not respect the expected format <header key>:<value>`,
        );
      out[parts[0]] = parts[1];
    }
  }
  const bearer = env[`${ENV}BEARER_TOKEN`];
  if (bearer) out.Authorization = `Bearer ${bearer}`;
  return out;
}

/** The output's configuration from the environment, as k6 reads it; throws RemoteWriteConfigError. */
export function remoteWriteConfig(env: NodeJS.ProcessEnv): RemoteWriteConfig {
  if ([`${ENV}SIGV4_REGION`, `${ENV}SIGV4_ACCESS_KEY`, `${ENV}SIGV4_SECRET_KEY`].some((k) => env[k]))
    throw new RemoteWriteConfigError(
      `${ENV}SIGV4_*: the local engine does not sign requests with AWS SigV4; run the script with k6 to write to Amazon Managed Prometheus`,
    );
  const certFile = env[`${ENV}CLIENT_CERTIFICATE`];
  const keyFile = env[`${ENV}CLIENT_CERTIFICATE_KEY`];
  const username = env[`${ENV}USERNAME`];
  return {
    serverUrl: serverUrl(env[`${ENV}SERVER_URL`]),
    pushIntervalMs: pushInterval(env[`${ENV}PUSH_INTERVAL`]),
    trendStats: trendStats(env[`${ENV}TREND_STATS`]),
    trendAsNativeHistogram: bool(`${ENV}TREND_AS_NATIVE_HISTOGRAM`, env[`${ENV}TREND_AS_NATIVE_HISTOGRAM`], false),
    staleMarkers: bool(`${ENV}STALE_MARKERS`, env[`${ENV}STALE_MARKERS`], false),
    insecureSkipTlsVerify: bool(`${ENV}INSECURE_SKIP_TLS_VERIFY`, env[`${ENV}INSECURE_SKIP_TLS_VERIFY`], false),
    // k6 requires TLS 1.3 unless told "1.2".
    tlsMinVersion: env[`${ENV}TLS_MINIMUM_VERSION`] === '1.2' ? 'TLSv1.2' : 'TLSv1.3',
    clientCertificate: certFile && keyFile ? { certFile, keyFile } : undefined,
    basicAuth: username !== undefined ? { username, password: env[`${ENV}PASSWORD`] ?? '' } : undefined,
    headers: headers(env),
  };
}
