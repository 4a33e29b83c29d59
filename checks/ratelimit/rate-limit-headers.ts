// The three X-RateLimit-* headers of one response (docs/auth0-api.md §4.2), read leniently: a header
// that is missing or not a non-negative integer comes back as a reason instead of a number, so rules
// can say which.

export const LIMIT_HEADER = 'x-ratelimit-limit';
export const REMAINING_HEADER = 'x-ratelimit-remaining';
export const RESET_HEADER = 'x-ratelimit-reset';
export const RATE_LIMIT_HEADERS = [LIMIT_HEADER, REMAINING_HEADER, RESET_HEADER] as const;

export type RateLimitHeader = (typeof RATE_LIMIT_HEADERS)[number];

export type HeaderReading = { ok: true; value: number } | { ok: false; problem: string };

export function readRateLimitHeader(headers: Record<string, string>, name: RateLimitHeader): HeaderReading {
  const raw = headers[name];
  if (raw === undefined) return { ok: false, problem: `no ${name} header` };
  const text = raw.trim();
  if (!/^\d+$/.test(text))
    return { ok: false, problem: `${name} is ${JSON.stringify(raw)}, not a non-negative integer` };
  return { ok: true, value: Number(text) };
}

/** The header's value, or undefined when it is missing or malformed (another rule reports that). */
export function rateLimitValue(headers: Record<string, string>, name: RateLimitHeader): number | undefined {
  const reading = readRateLimitHeader(headers, name);
  return reading.ok ? reading.value : undefined;
}
