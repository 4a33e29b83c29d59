import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

// k6's --out json lines (as in ../fixtures/k6-reference/out-json-head.ndjson), for tests that need a
// metrics file with known contents.

export interface RequestSample {
  /** Epoch ms when the request ended. */
  at: number;
  endpoint: string;
  durationMs: number;
  failed?: boolean;
}

export function k6JsonLines(samples: RequestSample[]): string[] {
  const lines = [
    JSON.stringify({
      type: 'Metric',
      data: { name: 'http_req_duration', type: 'trend', contains: 'time', thresholds: [], submetrics: null },
      metric: 'http_req_duration',
    }),
  ];
  for (const s of samples) {
    const tags = {
      endpoint: s.endpoint,
      name: s.endpoint,
      method: s.endpoint.split(' ')[0],
      status: s.failed ? '500' : '200',
      expected_response: String(!s.failed),
      group: '',
      scenario: 'default',
    };
    const time = new Date(s.at).toISOString().replace('Z', '123456Z');
    lines.push(JSON.stringify({ metric: 'http_reqs', type: 'Point', data: { time, value: 1, tags } }));
    lines.push(
      JSON.stringify({ metric: 'http_req_duration', type: 'Point', data: { time, value: s.durationMs, tags } }),
    );
    lines.push(
      JSON.stringify({ metric: 'http_req_waiting', type: 'Point', data: { time, value: s.durationMs / 2, tags } }),
    );
    lines.push(
      JSON.stringify({ metric: 'http_req_failed', type: 'Point', data: { time, value: s.failed ? 1 : 0, tags } }),
    );
  }
  return lines;
}

export function writeK6JsonGz(file: string, samples: RequestSample[]): Buffer {
  const gz = gzipSync(`${k6JsonLines(samples).join('\n')}\n`);
  writeFileSync(file, gz);
  return gz;
}
