import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

// k6's --out json lines (as in ../fixtures/k6-reference/out-json-head.ndjson), for tests that need a
// metrics file with known contents.

export interface RequestSample {
  /** Epoch ms when the request ended. */
  at: number;
  endpoint: string;
  durationMs: number;
  /** An unexpected status (k6's http_req_failed); 500 unless `status` says otherwise. */
  failed?: boolean;
  status?: number;
  /** The load suite's tags: the phase of the run and the flow that sent the request. */
  phase?: string;
  flow?: string;
  credential?: string;
  /** k6's error text, for a request that got no response (status 0). */
  error?: string;
}

export interface CheckSample {
  /** Epoch ms when the check was evaluated. */
  at: number;
  /** The check's result name (endpoint | credential | check id). */
  name: string;
  ok: boolean;
}

const time = (at: number) => new Date(at).toISOString().replace('Z', '123456Z');

export function k6JsonLines(samples: RequestSample[], checks: CheckSample[] = []): string[] {
  const lines = [
    JSON.stringify({
      type: 'Metric',
      data: { name: 'http_req_duration', type: 'trend', contains: 'time', thresholds: [], submetrics: null },
      metric: 'http_req_duration',
    }),
  ];
  for (const s of samples) {
    const status = s.status ?? (s.failed ? 500 : 200);
    const tags = {
      ...(s.credential ? { credential: s.credential } : {}),
      endpoint: s.endpoint,
      ...(s.error ? { error: s.error, error_code: '1211' } : {}),
      expected_response: String(!s.failed),
      ...(s.flow ? { flow: s.flow } : {}),
      group: '',
      method: s.endpoint.split(' ')[0],
      name: s.endpoint,
      ...(s.phase ? { phase: s.phase } : {}),
      scenario: 'default',
      status: String(status),
    };
    const t = time(s.at);
    lines.push(JSON.stringify({ metric: 'http_reqs', type: 'Point', data: { time: t, value: 1, tags } }));
    lines.push(
      JSON.stringify({ metric: 'http_req_duration', type: 'Point', data: { time: t, value: s.durationMs, tags } }),
    );
    lines.push(
      JSON.stringify({ metric: 'http_req_waiting', type: 'Point', data: { time: t, value: s.durationMs / 2, tags } }),
    );
    lines.push(
      JSON.stringify({ metric: 'http_req_failed', type: 'Point', data: { time: t, value: s.failed ? 1 : 0, tags } }),
    );
  }
  for (const c of checks) {
    const [endpoint, credential, checkId] = c.name.split(' | ');
    const tags = { check: c.name, check_id: checkId, credential, endpoint, group: '', severity: 'failure' };
    lines.push(
      JSON.stringify({ metric: 'checks', type: 'Point', data: { time: time(c.at), value: c.ok ? 1 : 0, tags } }),
    );
  }
  return lines;
}

export function writeK6JsonGz(file: string, samples: RequestSample[], checks: CheckSample[] = []): Buffer {
  const gz = gzipSync(`${k6JsonLines(samples, checks).join('\n')}\n`);
  writeFileSync(file, gz);
  return gz;
}
