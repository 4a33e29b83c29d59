import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { writeK6JsonGz, type RequestSample } from '../support/k6-json-output.ts';

// A load run's raw folder, made to measure: the measured phase of POST /oauth/token had 2 of its 20
// requests answered 403 (the refresh_rotation flow), which crosses its `rate<0.01` failed-request
// threshold, while every check passed. It has the shape of what `auth0-harness run load` leaves in
// out/raw (run.json, k6's handleSummary data, its JSON output), so `auth0-harness report` rebuilds
// every output from it.

export const STARTED_AT = '2026-11-27T10:00:00.000Z';
const T0 = Date.parse(STARTED_AT);
const MEASURED = 'measured';
const THRESHOLD_METRIC = 'http_req_failed{endpoint:POST /oauth/token,phase:measured}';

function requests(): RequestSample[] {
  const out: RequestSample[] = [
    { at: T0 + 300, endpoint: 'POST /oauth/token', durationMs: 40, phase: 'warmup', credential: 'client_secret_post' },
    { at: T0 + 400, endpoint: 'GET /__tenant/outbox', durationMs: 2 },
  ];
  for (let i = 0; i < 20; i++) {
    const refresh = i % 10 === 9;
    out.push({
      at: T0 + 2000 + i * 400,
      endpoint: 'POST /oauth/token',
      durationMs: 5 + (i % 4),
      phase: MEASURED,
      credential: refresh ? 'none' : 'client_secret_post',
      flow: refresh ? 'refresh_rotation' : 'client_credentials_post',
      ...(refresh ? { failed: true, status: 403 } : {}),
    });
  }
  return out;
}

const checkName = 'POST /oauth/token | client_secret_post | token_response.status.is_200';

function k6Summary() {
  return {
    state: { testRunDurationMs: 12000 },
    metrics: {
      checks: { type: 'rate', contains: 'default', values: { rate: 1, passes: 18, fails: 0 } },
      [`http_req_duration{endpoint:POST /oauth/token,phase:${MEASURED}}`]: {
        type: 'trend',
        contains: 'time',
        values: { 'p(50)': 6.5, 'p(95)': 8, 'p(99)': 8, max: 8, count: 20 },
        thresholds: { 'p(95)<500': { ok: true } },
      },
      [`http_reqs{endpoint:POST /oauth/token,phase:${MEASURED}}`]: {
        type: 'counter',
        contains: 'default',
        values: { count: 20, rate: 2 },
        thresholds: { 'count>=0': { ok: true } },
      },
      [THRESHOLD_METRIC]: {
        type: 'rate',
        contains: 'default',
        values: { rate: 0.1, passes: 2, fails: 18 },
        thresholds: { 'rate<0.01': { ok: false }, 'rate>=0': { ok: true } },
      },
    },
    root_group: { name: '', path: '', groups: [], checks: [{ name: checkName, passes: 18, fails: 0 }] },
  };
}

/** Writes <out>/raw of the crossed-threshold run. */
export function writeCrossedThresholdRun(out: string): void {
  const raw = path.join(out, 'raw');
  mkdirSync(raw, { recursive: true });
  const facts = {
    suite: 'load',
    target: 'local',
    engine: 'auth0-harness local engine',
    profile: 'auth0',
    startedAt: STARTED_AT,
    durationMs: 12000,
  };
  writeFileSync(path.join(raw, 'run.json'), JSON.stringify(facts));
  writeFileSync(path.join(raw, 'k6-summary.json'), JSON.stringify(k6Summary()));
  writeFileSync(
    path.join(raw, 'load-shape.json'),
    JSON.stringify({
      name: 'smoke',
      model: 'open',
      rate: 2,
      durationS: 10,
      mix: 'client_credentials_post=0.9,refresh_rotation=0.1',
    }),
  );
  const checks = requests()
    .filter((r) => r.phase === MEASURED && r.credential === 'client_secret_post')
    .map((r) => ({ at: r.at + 1, name: checkName, ok: true }));
  writeK6JsonGz(path.join(raw, 'metrics.ndjson.gz'), requests(), checks);
}
