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

// A file read ahead of the others (its points are later) is paused once this many points wait.
const READ_AHEAD = 4096;

/** One file's points, parsed as its lines arrive and queued until they are next in time. */
class PointSource {
  readonly lines: ReturnType<typeof createInterface>;
  ended = false;
  private queue: K6Point[] = [];
  private at = 0;
  private paused = false;
  private readonly timeOf = timeReader();

  constructor(
    file: string,
    private readonly metrics: ReadonlySet<string>,
  ) {
    const raw = createReadStream(file);
    // An interrupted run leaves the gzip stream unterminated: a sync flush yields what it holds.
    const input = file.endsWith('.gz') ? raw.pipe(createGunzip({ finishFlush: constants.Z_SYNC_FLUSH })) : raw;
    this.lines = createInterface({ input, crlfDelay: Infinity });
    // A corrupt stream ends the file with what came before the damage.
    for (const stream of new Set([raw, input])) stream.on('error', () => this.lines.close());
  }

  get head(): K6Point | undefined {
    return this.queue[this.at];
  }

  push(point: K6Point): void {
    this.queue.push(point);
    if (this.queue.length - this.at >= READ_AHEAD && !this.paused) {
      this.paused = true;
      this.lines.pause();
    }
  }

  /** Drops head; the points handed over are let go a batch at a time, and a drained file read on. */
  shift(): void {
    this.at++;
    if (this.at < READ_AHEAD && this.at < this.queue.length) return;
    this.queue = this.queue.slice(this.at);
    this.at = 0;
    if (this.paused && this.queue.length === 0) {
      this.paused = false;
      this.lines.resume();
    }
  }

  parse(line: string): K6Point | undefined {
    const metric = METRIC.exec(line)?.[1];
    if (!metric || !this.metrics.has(metric)) return undefined;
    const stamp = TIME.exec(line)?.[1];
    const value = stamp ? Number(VALUE.exec(line)?.[1]) : NaN;
    if (!stamp || !Number.isFinite(value)) return undefined;
    const time = this.timeOf(stamp);
    return Number.isFinite(time) ? { metric, time, value, line } : undefined;
  }
}

/**
 * Streams the points of the named metrics from k6 JSON output files (gzipped or plain) to `onPoint`
 * as their lines arrive (no promise per point: that would double the read time of a load run's
 * file). Several files (the runners of a split run) are read side by side and their points handed
 * over in time order, as one run's file would hold them; a missing file reads as empty. A
 * truncated stream (an interrupted run) or a corrupt one yields what was readable before the
 * damage; a line cut short is skipped.
 */
export function readK6Points(
  files: string | readonly string[],
  metrics: ReadonlySet<string>,
  onPoint: (point: K6Point) => void,
): Promise<void> {
  const sources = (typeof files === 'string' ? [files] : files)
    .filter((file) => existsSync(file))
    .map((file) => new PointSource(file, metrics));
  return new Promise((resolve, reject) => {
    // Hands over points while every file still being read has one waiting: the earliest goes first.
    const drain = () => {
      for (;;) {
        let earliest: PointSource | undefined;
        for (const s of sources) {
          if (!s.head) {
            if (s.ended) continue;
            return;
          }
          if (!earliest || s.head.time < earliest.head!.time) earliest = s;
        }
        if (!earliest) return resolve();
        onPoint(earliest.head!);
        earliest.shift();
      }
    };
    const guarded = (step: () => void) => () => {
      try {
        step();
      } catch (error) {
        sources.forEach((s) => s.lines.close());
        reject(error);
      }
    };
    for (const s of sources) {
      s.lines.on('line', (line) => {
        const point = s.parse(line);
        if (!point) return;
        s.push(point);
        guarded(drain)();
      });
      s.lines.on('close', () => {
        s.ended = true;
        guarded(drain)();
      });
    }
    guarded(drain)();
  });
}
