import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildSummary } from '../../reports/build-summary.ts';
import type { RawResults } from '../../reports/raw-results.ts';
import { terminalReport } from '../../reports/terminal-table.ts';

const TOKEN = 'POST /oauth/token';
const raw: RawResults = {
  summary: {
    state: { testRunDurationMs: 10000 },
    metrics: {
      'http_req_duration{endpoint:POST /oauth/token,phase:measured}': {
        type: 'trend',
        contains: 'time',
        values: { 'p(50)': 5, 'p(95)': 9, 'p(99)': 9.5, max: 10, count: 20 },
      },
      'http_req_failed{endpoint:POST /oauth/token,phase:measured}': {
        type: 'rate',
        contains: 'default',
        values: { rate: 0.05, passes: 1, fails: 19 },
        thresholds: { 'rate<0.01': { ok: false } },
      },
    },
    root_group: {
      name: '',
      path: '',
      groups: [],
      checks: [
        { name: `${TOKEN} | client_secret_post | token_response.status.is_200`, passes: 10, fails: 2 },
        { name: `${TOKEN} | client_secret_basic | token_response.status.is_200`, passes: 11, fails: 1 },
        { name: `${TOKEN} | client_secret_basic | token_response.schema`, passes: 12, fails: 0 },
      ],
    },
  },
  findings: [
    {
      endpoint: TOKEN,
      credential: 'client_secret_post',
      checkId: 'token_response.status.is_200',
      message: 'expected status 200, got 403',
      flow: 'refresh_rotation',
      response: { status: 403, headers: {}, body: '{}' },
    },
    {
      endpoint: TOKEN,
      credential: 'client_secret_basic',
      checkId: 'token_response.status.is_200',
      message: 'expected status 200, got 0',
      transportError: 'request timeout',
      response: { status: 0, headers: {}, body: '' },
    },
  ],
};

const summary = buildSummary(
  {
    suite: 'load',
    target: 'local',
    engine: 'auth0-harness local engine',
    profile: 'auth0',
    startedAt: new Date('2026-11-27T10:00:00.000Z'),
    durationMs: 10000,
  },
  raw,
);

describe('terminal report', () => {
  const lines = terminalReport(summary).trimEnd().split('\n');

  it('ends with what failed: check, endpoint, credential method, flow and status or transport error, and the threshold seen', () => {
    const tail = lines.slice(lines.indexOf('what failed:') + 1);
    assert.deepEqual(tail, [
      '  ✗ token_response.status.is_200  POST /oauth/token [client_secret_post], flow refresh_rotation, HTTP 403: expected status 200, got 403 (2 of 12 evaluations)',
      '  ✗ broken token_response.status.is_200  POST /oauth/token [client_secret_basic], no response (transport error: request timeout): expected status 200, got 0 (1 of 12 evaluations)',
      '  ✗ threshold http_req_failed{endpoint:POST /oauth/token,phase:measured} rate<0.01: rate was 0.05',
      'FAIL  1 passed, 2 failed, 1 broken, 0 skipped of 4 tests (3 checks, 1 endpoint latency test) in junit.xml and the Allure report',
    ]);
  });

  it('names what it counts: checks and their evaluations', () => {
    assert.equal(lines[1], '  3 checks: 1 passed, 1 failed, 1 broken (36 evaluations)');
  });
});
