import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { writeK6JsonGz, type CheckSample, type RequestSample } from './k6-json-output.ts';

// The raw folders the runners of a split load run leave (run.json, k6's handleSummary data of each
// runner's segment, its JSON output, the load shape), made to measure from the requests each runner
// sent. A runner's summary holds what a merge reads from it: which metrics and thresholds the script
// kept, the verdicts the runner reached on its own share, its checks and its request count.

export const RUN_STARTED_AT = Date.parse('2026-11-27T10:00:00.000Z');
export const ENDPOINT = 'POST /oauth/token';
export const CHECK_NAME = `${ENDPOINT} | client_secret_post | token_response.status.is_200`;
const MEASURED = `{endpoint:${ENDPOINT},phase:measured}`;
export const DURATION_KEY = `http_req_duration${MEASURED}`;
export const REQS_KEY = `http_reqs${MEASURED}`;
export const FAILED_KEY = `http_req_failed${MEASURED}`;
export const LOAD_SHAPE = { name: 'smoke', model: 'open', rate: 6, durationS: 10, mix: 'client_credentials_post=1' };

export interface RunnerSpec {
  samples: RequestSample[];
  segment?: string;
  /** The runner's run.json says it did not complete, and why. */
  incomplete?: string;
  /** Thresholds by metric key: expression → the verdict the runner reached on its own share. */
  thresholds?: Record<string, Record<string, boolean>>;
  suite?: string;
  /** Leave out the JSON output (a runner started without --out json). */
  noJsonOutput?: boolean;
}

/** Measured token requests: `count` of them from `from` ms on, 100 ms apart, of these durations in turn. */
export function tokenRequests(count: number, from: number, durations: (i: number) => number): RequestSample[] {
  return Array.from({ length: count }, (_, i) => ({
    at: RUN_STARTED_AT + from + i * 100,
    endpoint: ENDPOINT,
    durationMs: durations(i),
    phase: 'measured',
    credential: 'client_secret_post',
    flow: 'client_credentials_post',
  }));
}

const checksOf = (samples: RequestSample[]): CheckSample[] =>
  samples.map((s) => ({ at: s.at + 1, name: CHECK_NAME, ok: !s.failed }));

export function writeRunnerRaw(rawDir: string, spec: RunnerSpec): void {
  mkdirSync(rawDir, { recursive: true });
  const failed = spec.samples.filter((s) => s.failed).length;
  const n = spec.samples.length;
  const verdicts = (key: string, always: string) =>
    Object.fromEntries(Object.entries({ [always]: true, ...spec.thresholds?.[key] }).map(([e, ok]) => [e, { ok }]));
  const summary = {
    state: { testRunDurationMs: 12000 },
    metrics: {
      http_reqs: { type: 'counter', contains: 'default', values: { count: n, rate: n / 12 } },
      checks: {
        type: 'rate',
        contains: 'default',
        values: { rate: 1 - failed / n, passes: n - failed, fails: failed },
      },
      [DURATION_KEY]: {
        type: 'trend',
        contains: 'time',
        // what the runner saw of its own share; a merge computes these again from every sample
        values: { 'p(50)': 0, 'p(95)': 0, 'p(99)': 0, max: 0, count: n },
        thresholds: verdicts(DURATION_KEY, 'max>=0'),
      },
      [REQS_KEY]: {
        type: 'counter',
        contains: 'default',
        values: { count: n, rate: n / 12 },
        thresholds: verdicts(REQS_KEY, 'count>=0'),
      },
      [FAILED_KEY]: {
        type: 'rate',
        contains: 'default',
        values: { rate: failed / n, passes: failed, fails: n - failed },
        thresholds: verdicts(FAILED_KEY, 'rate>=0'),
      },
    },
    root_group: {
      name: '',
      path: '',
      groups: [],
      checks: [{ name: CHECK_NAME, passes: n - failed, fails: failed }],
    },
  };
  const startedAt = new Date(RUN_STARTED_AT).toISOString();
  const facts = {
    suite: spec.suite ?? 'load',
    target: 'local',
    engine: 'auth0-harness local engine',
    profile: 'auth0',
    startedAt,
    durationMs: 12000,
    ...(spec.segment ? { segment: spec.segment } : {}),
    ...(spec.incomplete ? { incomplete: spec.incomplete } : {}),
  };
  writeFileSync(path.join(rawDir, 'run.json'), JSON.stringify(facts));
  writeFileSync(path.join(rawDir, 'k6-summary.json'), JSON.stringify(summary));
  writeFileSync(path.join(rawDir, 'load-shape.json'), JSON.stringify(LOAD_SHAPE));
  if (!spec.noJsonOutput) writeK6JsonGz(path.join(rawDir, 'metrics.ndjson.gz'), spec.samples, checksOf(spec.samples));
}
