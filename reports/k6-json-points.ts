import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { constants, createGunzip } from 'node:zlib';

// The Point lines of k6's `--out json` file (a Metric line declares a metric, a Point line is one
// sample: {"metric","type":"Point","data":{"time","value","tags"}}). Real k6 and the local engine
// both write them, a load run by the million, so the file is streamed and a line is read with
// targeted patterns rather than JSON.parse (about twice as fast); a tag is read only when a reader
// asks for it. Tags are JSON strings, so a value with an escape in it is unescaped as JSON.

export interface K6Point {
  metric: string;
  /** Epoch milliseconds, to the microsecond k6 writes. */
  time: number;
  value: number;
  /** The line, for tag(). */
  line: string;
}

const METRIC = /^\{"metric":"([^"]+)","type":"Point"/;
const TIME = /"time":"([^"]+)"/;
const VALUE = /"value":(-?[\d.eE+-]+)/;
const ZONE = /(Z|[+-]\d\d:\d\d)$/;
const FRACTION = /^\.(\d+)/;

const tagPatterns = new Map<string, RegExp>();

/** A tag of a point's sample, undefined when the sample does not carry it. */
export function tag(point: K6Point, name: string): string | undefined {
  let pattern = tagPatterns.get(name);
  if (!pattern) tagPatterns.set(name, (pattern = new RegExp(`"${name}":"((?:[^"\\\\]|\\\\.)*)"`)));
  const raw = pattern.exec(point.line)?.[1];
  if (raw === undefined) return undefined;
  return raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
}

/** Epoch ms of a k6 timestamp; the previous second is kept, as consecutive points share seconds. */
function timeReader(): (time: string) => number {
  let lastKey = '';
  let lastSecondMs = NaN;
  return (time) => {
    // "2026-11-27T19:35:44.710396726Z" or "…44.71+01:00": the second and the zone make the key
    const key = time.slice(0, 19) + (ZONE.exec(time)?.[1] ?? '');
    if (key !== lastKey) {
      lastKey = key;
      lastSecondMs = Math.floor(Date.parse(time) / 1000) * 1000;
    }
    const fraction = FRACTION.exec(time.slice(19))?.[1];
    return fraction ? lastSecondMs + Number(`0.${fraction}`) * 1000 : lastSecondMs;
  };
}

/**
 * Streams the points of the named metrics from a k6 JSON output file (gzipped or plain) to `onPoint`
 * (a callback rather than an async generator: a promise per point would double the read time of a
 * load run's file). Reads nothing when there is no file. A truncated stream (an interrupted run) or a
 * corrupt one yields what was readable before the damage; a line cut short is skipped.
 */
export async function readK6Points(
  file: string,
  metrics: ReadonlySet<string>,
  onPoint: (point: K6Point) => void,
): Promise<void> {
  if (!existsSync(file)) return;
  const timeOf = timeReader();
  const raw = createReadStream(file);
  // An interrupted run leaves the gzip stream unterminated: a sync flush yields what it holds.
  const input = file.endsWith('.gz') ? raw.pipe(createGunzip({ finishFlush: constants.Z_SYNC_FLUSH })) : raw;
  try {
    for await (const line of createInterface({ input, crlfDelay: Infinity })) {
      const metric = METRIC.exec(line)?.[1];
      if (!metric || !metrics.has(metric)) continue;
      const stamp = TIME.exec(line)?.[1];
      const value = stamp ? Number(VALUE.exec(line)?.[1]) : NaN;
      if (!stamp || !Number.isFinite(value)) continue;
      const time = timeOf(stamp);
      if (Number.isFinite(time)) onPoint({ metric, time, value, line });
    }
  } catch {
    // A corrupt stream: the readers keep what came before the damage.
  }
}
