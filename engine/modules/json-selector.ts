/**
 * The subset of gjson paths k6's `Response.json(selector)` accepts that scripts use: dot-separated
 * keys, array indexes (`items.0.id`) and `#` for an array's length (`items.#`).
 */
export function jsonSelect(value: unknown, selector: string): unknown {
  let current: unknown = value;
  for (const key of selector.split('.')) {
    if (current === null || current === undefined) return undefined;
    if (key === '#' && Array.isArray(current)) current = current.length;
    else current = (current as Record<string, unknown>)[key];
  }
  return current;
}
