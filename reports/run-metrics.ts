import { existsSync } from 'node:fs';
import { CheckTimingBuilder, type CheckTiming } from './check-timing.ts';
import { readK6Points, type K6Point } from './k6-json-points.ts';
import { TimelineBuilder, type Timeline } from './metrics-timeline.ts';
import { UnexpectedResponsesBuilder, type UnexpectedResponse } from './unexpected-responses.ts';

// Everything the reports take from the run's k6 JSON output, read in one streaming pass: the
// latency timeline, when each check ran, and the requests that failed.

export interface RunMetrics {
  timeline: Timeline;
  timing: CheckTiming;
  unexpected: UnexpectedResponse[];
}

/** Another reader of the same pass: the metrics it needs and what it does with their points. */
export interface PointReader {
  metrics: ReadonlySet<string>;
  add(point: K6Point): void;
}

const READ = new Set(['http_reqs', 'http_req_duration', 'http_req_failed', 'checks']);

/**
 * Reads raw/metrics.ndjson.gz, or the files of several runners as one run; undefined when the engine
 * wrote no JSON output (no charts, no timing). `also` reads the same points in the same pass.
 */
export async function readRunMetrics(
  files: string | readonly string[],
  also?: PointReader,
): Promise<RunMetrics | undefined> {
  const present = (typeof files === 'string' ? [files] : files).filter((file) => existsSync(file));
  if (present.length === 0) return undefined;
  const timeline = new TimelineBuilder();
  const timing = new CheckTimingBuilder();
  const unexpected = new UnexpectedResponsesBuilder();
  await readK6Points(present, also ? new Set([...READ, ...also.metrics]) : READ, (point) => {
    if (also?.metrics.has(point.metric)) also.add(point);
    if (!READ.has(point.metric)) return;
    if (point.metric === 'checks') timing.add(point);
    else {
      timeline.add(point);
      timing.add(point);
      unexpected.add(point);
    }
  });
  return { timeline: timeline.result(), timing: timing.result(), unexpected: unexpected.result() };
}
