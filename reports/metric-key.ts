// A k6 submetric key as a script writes it in `thresholds` and k6 writes it in its summary:
// `name{tag:value,tag:value}`. A tag's value may itself hold braces (an endpoint such as
// `GET /samlp/metadata/{client_id}`), so the tag set runs from the first `{` to the last `}`, and a
// tag splits at its first `:`.

export interface MetricKey {
  name: string;
  tags: Record<string, string>;
}

export function parseMetricKey(key: string): MetricKey {
  const open = key.indexOf('{');
  if (open < 0 || !key.endsWith('}')) return { name: key, tags: {} };
  const tags: Record<string, string> = {};
  for (const pair of key.slice(open + 1, -1).split(',')) {
    const colon = pair.indexOf(':');
    if (colon > 0) tags[pair.slice(0, colon).trim()] = pair.slice(colon + 1).trim();
  }
  return { name: key.slice(0, open), tags };
}

/** The aggregate a threshold expression holds (`p(95)<300` → `p(95)`, `rate<0.01` → `rate`). */
export function thresholdAggregate(expression: string): string | undefined {
  return /^\s*([a-z]+(?:\(\d+(?:\.\d+)?\))?)\s*[<>=!]/.exec(expression)?.[1];
}
