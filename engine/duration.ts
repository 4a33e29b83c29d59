/** A k6 duration: a number of milliseconds, or a Go-style string such as "30s", "1m30s", "250ms". */
export function parseDuration(value: unknown, field: string): number {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
  if (typeof value === 'string') {
    if (/^\d+(?:\.\d+)?$/.test(value)) return Number(value) * 1000;
    const re = /(\d+(?:\.\d+)?)(ms|us|µs|s|m|h)/g;
    let total = 0;
    let matched = '';
    for (const m of value.matchAll(re)) {
      matched += m[0];
      total +=
        Number(m[1]) * ({ ms: 1, us: 0.001, µs: 0.001, s: 1000, m: 60_000, h: 3_600_000 } as const)[m[2] as 'ms'];
    }
    if (matched === value && value !== '') return total;
  }
  throw new Error(`${field}: ${JSON.stringify(value)} is not a duration; write it like "30s", "1m30s" or "250ms"`);
}
