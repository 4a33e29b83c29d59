import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding } from '../../lib/k6-and-node/result-protocol.ts';
import { buildSummary } from '../../reports/build-summary.ts';
import { reportTests } from '../../reports/report-tests.ts';
import type { K6SummaryData, RawResults } from '../../reports/raw-results.ts';
import type { RunFacts } from '../../reports/run-facts.ts';

const facts: RunFacts = {
  suite: 'load',
  target: 'local',
  engine: 'auth0-harness local engine',
  profile: 'auth0',
  startedAt: new Date('2026-11-27T10:00:00.000Z'),
  durationMs: 12000,
};

const name = (endpoint: string, credential: string, id: string) => `${endpoint} | ${credential} | ${id}`;
const TOKEN = 'POST /oauth/token';

function k6Summary(thresholdOk: boolean): K6SummaryData {
  return {
    state: { testRunDurationMs: 12000 },
    metrics: {
      'http_req_duration{endpoint:POST /oauth/token,phase:measured}': {
        type: 'trend',
        contains: 'time',
        values: { 'p(50)': 5, 'p(95)': 612.4, 'p(99)': 700, max: 800, count: 10 },
        thresholds: { 'p(95)<500': { ok: thresholdOk }, 'max>=0': { ok: true } },
      },
      'http_req_duration{endpoint:GET /__tenant/outbox}': {
        type: 'trend',
        contains: 'time',
        values: { 'p(50)': 1, 'p(95)': 1, 'p(99)': 1, max: 1, count: 3 },
      },
      'checks{phase:measured}': {
        type: 'rate',
        contains: 'default',
        values: { rate: 0.9 },
        thresholds: { 'rate>0.99': { ok: true } },
      },
    },
    root_group: {
      name: '',
      path: '',
      groups: [],
      checks: [
        { name: name(TOKEN, 'client_secret_post', 'token_response.status.is_200'), passes: 8, fails: 2 },
        { name: name(TOKEN, 'client_secret_basic', 'token_response.status.is_200'), passes: 9, fails: 1 },
        { name: name(TOKEN, 'private_key_jwt', 'access_token.signature.valid_against_jwks'), passes: 0, fails: 1 },
        { name: name(TOKEN, 'client_secret_post', 'access_token.jti.present'), passes: 0, fails: 0 },
      ],
    },
  };
}

const findings: Finding[] = [
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
    cause: 'transport',
    transportError: 'dial tcp 127.0.0.1:1: connect: connection refused',
    response: { status: 0, headers: {}, body: '' },
  },
  {
    endpoint: TOKEN,
    credential: 'private_key_jwt',
    checkId: 'access_token.signature.valid_against_jwks',
    message: 'the check itself failed: boom',
  },
  {
    endpoint: TOKEN,
    credential: 'client_secret_post',
    checkId: 'access_token.jti.present',
    message: 'no access token came back to judge',
    notRun: true,
  },
  {
    endpoint: TOKEN,
    credential: 'client_secret_post',
    checkId: 'id_token.nonce.matches',
    message: 'the flow asked for no ID token',
    notRun: true,
  },
];

const raw = (thresholdOk: boolean): RawResults => ({ summary: k6Summary(thresholdOk), findings });
const row = (summary: ReturnType<typeof buildSummary>, credential: string, id: string) =>
  summary.checks.find((c) => c.credential === credential && c.id === id);

describe('summary.json from the raw results', () => {
  const summary = buildSummary(facts, raw(false));

  it('keeps with each failed check what its first failure was seen on: flow, HTTP status, or the transport error', () => {
    assert.deepEqual(
      (({ flow, httpStatus, cause }) => ({ flow, httpStatus, cause }))(
        row(summary, 'client_secret_post', 'token_response.status.is_200')!,
      ),
      { flow: 'refresh_rotation', httpStatus: 403, cause: undefined },
    );
    const transport = row(summary, 'client_secret_basic', 'token_response.status.is_200');
    assert.equal(transport?.cause, 'transport');
    assert.equal(transport?.transportError, 'dial tcp 127.0.0.1:1: connect: connection refused');
    assert.equal(row(summary, 'private_key_jwt', 'access_token.signature.valid_against_jwks')?.cause, 'exception');
  });

  it('records a check with no evidence as not run, never as passed, even when k6 never counted it', () => {
    assert.equal(
      row(summary, 'client_secret_post', 'access_token.jti.present')?.notRun,
      'no access token came back to judge',
    );
    const uncounted = row(summary, 'client_secret_post', 'id_token.nonce.matches');
    assert.deepEqual(
      [uncounted?.passes, uncounted?.fails, uncounted?.notRun],
      [0, 0, 'the flow asked for no ID token'],
    );
    assert.equal(summary.counts?.checks.notRun, 2);
    assert.equal(summary.counts?.checks.passed, 0);
  });

  it("gives each threshold its endpoint and observed value, and leaves out the tenant's control API", () => {
    assert.deepEqual(
      summary.thresholds?.find((t) => t.expression === 'p(95)<500'),
      {
        metric: 'http_req_duration{endpoint:POST /oauth/token,phase:measured}',
        expression: 'p(95)<500',
        ok: false,
        observed: 612.4,
        endpoint: TOKEN,
      },
    );
    assert.equal(summary.thresholds?.find((t) => t.metric === 'checks{phase:measured}')?.endpoint, undefined);
    assert.deepEqual(
      summary.endpoints.map((e) => e.endpoint),
      [TOKEN],
    );
  });

  it('counts checks, evaluations and tests, and fails the run on a failed check, a broken one or a crossed threshold', () => {
    assert.deepEqual(summary.counts?.checks, {
      total: 5,
      passed: 0,
      failed: 1,
      broken: 2,
      warned: 0,
      notRun: 2,
      expectedFailures: 0,
    });
    assert.equal(summary.counts?.evaluations, 21);
    assert.deepEqual(summary.counts?.tests, { total: 7, passed: 1, failed: 2, broken: 2, skipped: 2 });
    assert.equal(summary.ok, false);
  });

  it('shows a matrix cell whose checks all had nothing to judge as not run, told once by those checks', () => {
    const conformance = buildSummary(
      { ...facts, suite: 'conformance' },
      {
        summary: { ...k6Summary(true), root_group: { name: '', path: '', groups: [], checks: [] } },
        findings: findings.filter((f) => f.notRun),
      },
    );
    const cell = conformance.matrix.find((m) => m.endpoint === TOKEN && m.credential === 'client_secret_post');
    assert.deepEqual(cell, {
      endpoint: TOKEN,
      credential: 'client_secret_post',
      status: 'skipped',
      reason: 'no access token came back to judge',
    });
    assert.equal(conformance.counts?.checks.notRun, 2);
    const tests = reportTests(conformance).filter((t) => t.endpoint === TOKEN && t.credential === 'client_secret_post');
    assert.deepEqual(
      tests.map((t) => `${t.kind}:${t.status}`),
      ['check:skipped', 'check:skipped'],
    );
  });
});
