// Durations and numbers as k6's progress display writes them: Go's time.Duration.String(), and the
// fixed-width forms of k6's ui/pb helpers, which keep a line from jumping about as values grow.

/** Go's time.Duration.String(): `2s`, `10m0s`, `1h0m0s`, `1m30.5s`, `500ms`, `0s`. */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1) return `${trim(ms * 1000)}µs`;
  if (ms < 1000) return `${trim(ms)}ms`;
  const hours = Math.floor(ms / 3_600_000);
  const minutes = Math.floor((ms % 3_600_000) / 60_000);
  const seconds = (ms % 60_000) / 1000;
  return `${hours ? `${hours}h` : ''}${hours || minutes ? `${minutes}m` : ''}${trim(seconds)}s`;
}

const trim = (n: number): string => String(Number(n.toFixed(9)));

/**
 * k6's GetFixedLengthDuration: `ms` to the tenth of a second, with as many fields as `maxMs` needs
 * (`4.5s`, `04.5s`, `0m04.5s`, `00m04.5s`, `0h00m04.5s`…), so that a clock keeps its width.
 */
export function fixedLengthDuration(ms: number, maxMs: number): string {
  const tenths = Math.round(Math.abs(ms) / 100);
  const max = Math.round(Math.max(Math.abs(maxMs), Math.abs(ms)) / 100) * 100;
  const seconds = Math.floor(tenths / 10);
  const tenth = `${seconds % 10}.${tenths % 10}s`;
  if (max < 10_000) return tenth;
  const tensOfSeconds = Math.floor(seconds / 10) % 6;
  if (max < 60_000) return `${tensOfSeconds}${tenth}`;
  const minutes = Math.floor(seconds / 60);
  const clock = `${minutes % 10}m${tensOfSeconds}${tenth}`;
  if (max < 600_000) return clock;
  const minuteClock = `${Math.floor(minutes / 10) % 6}${clock}`;
  if (max < 3_600_000) return minuteClock;
  const hours = Math.floor(minutes / 60);
  const hourClock = `${String(hours % 24).padStart(2, '0')}h${minuteClock}`;
  if (max < 36_000_000) return hourClock.slice(1);
  if (max < 86_400_000) return hourClock;
  const days = Math.floor(hours / 24);
  const dayDigits = String(Math.floor(max / 86_400_000)).length;
  return `${String(days).padStart(dayDigits, '0')}d${hourClock}`;
}

/** k6's GetFixedLengthIntFormat: `value` zero-padded to the digits of `max`. */
export function fixedLengthInt(value: number, max: number): string {
  return String(value).padStart(String(Math.abs(Math.trunc(max))).length + (max < 0 ? 1 : 0), '0');
}

/** k6's GetFixedLengthFloatFormat: `value` with `precision` decimals, zero-padded to the width `max` needs. */
export function fixedLengthFloat(value: number, max: number, precision: number): string {
  let width = 1 + (max < 0 ? 1 : 0);
  if (Math.abs(max) >= 10) width += Math.floor(Math.log10(Math.abs(max)));
  if (precision > 0) width += precision + 1;
  return value.toFixed(precision).padStart(width, '0');
}
