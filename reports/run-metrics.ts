import { existsSync } from 'node:fs';
import { CheckTimingBuilder, type CheckTiming } from './check-timing.ts';
import { readK6Points } from './k6-json-points.ts';
import { TimelineBuilder, type Timeline } from './metrics-timeline.ts';
import { UnexpectedResponsesBuilder, type UnexpectedResponse } from './unexpected-responses.ts';

// Everything the reports take from the run's k6 JSON output, read in one streaming pass: the
// latency timeline, when each check ran, and the requests that failed.

export interface RunMetrics {
  timeline: Timeline;
  timing: CheckTiming;
  unexpected: UnexpectedResponse[];
}

const READ = new Set(['http_reqs', 'http_req_duration', 'http_req_failed', 'checks']);

/** Reads raw/metrics.ndjson.gz; undefined when the engine wrote no JSON output (no charts, no timing). */
export async function readRunMetrics(file: string): Promise<RunMetrics | undefined> {
  if (!existsSync(file)) return undefined;
  const timeline = new TimelineBuilder();
  const timing = new CheckTimingBuilder();
  const unexpected = new UnexpectedResponsesBuilder();
  await readK6Points(file, READ, (point) => {
    if (point.metric === 'checks') timing.add(point);
    else {
      timeline.add(point);
      timing.add(point);
      unexpected.add(point);
    }
  });
  return { timeline: timeline.result(), timing: timing.result(), unexpected: unexpected.result() };
}
