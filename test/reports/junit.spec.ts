import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import type { CheckTiming } from '../../reports/check-timing.ts';
import { junitXml } from '../../reports/junit.ts';
import { reportTests } from '../../reports/report-tests.ts';
import type { CheckRow, RunSummary } from '../../reports/run-summary.ts';

const check = (over: Partial<CheckRow>): CheckRow => ({
  id: 'token_response.status.is_200',
  endpoint: 'POST /oauth/token',
  credential: 'client_secret_post',
  severity: 'failure',
  passes: 10,
  fails: 0,
  message: null,
  ...over,
});

const summary: RunSummary = {
  schemaVersion: 1,
  suite: 'load',
  target: 'local',
  engine: 'k6 v1.2.0',
  profile: 'auth0',
  startedAt: '2026-11-27T10:00:00.000Z',
  durationMs: 60000,
  ok: false,
  checks: [
    check({ fails: 2, message: 'expected status 200, got 429 & <more>', httpStatus: 429 }),
    check({
      id: 'token_response.cache_control.no_store',
      severity: 'warning',
      passes: 11,
      fails: 1,
      message: 'missing',
    }),
    check({
      id: 'token_response.schema',
      credential: 'private_key_jwt',
      fails: 1,
      message: 'expected status 200, got 0',
      httpStatus: 0,
      cause: 'transport',
      transportError: 'request timeout',
    }),
    check({
      id: 'access_token.signature.valid_against_jwks',
      fails: 1,
      message: 'the check itself failed: boom',
      cause: 'exception',
    }),
    check({ id: 'access_token.jti.present', passes: 0, notRun: 'no access token came back to judge' }),
    check({ id: 'access_token.iss.equals_issuer', fails: 3, message: 'iss was wrong', expectedFailure: 'TICKET-1' }),
  ],
  matrix: [
    {
      endpoint: 'POST /oauth/token',
      credential: 'tls_client_auth',
      status: 'skipped',
      reason: 'no mTLS client configured',
    },
  ],
  endpoints: [],
  thresholds: [
    {
      metric: 'http_req_duration{endpoint:POST /oauth/token,phase:measured}',
      expression: 'p(95)<300',
      ok: false,
      observed: 412.5,
      endpoint: 'POST /oauth/token',
    },
    {
      metric: 'http_req_failed{endpoint:POST /oauth/token}',
      expression: 'rate<0.01',
      ok: true,
      endpoint: 'POST /oauth/token',
    },
    {
      metric: 'http_reqs{endpoint:POST /oauth/token}',
      expression: 'count>=0',
      ok: true,
      endpoint: 'POST /oauth/token',
    },
    { metric: 'checks', expression: 'rate>0.99', ok: true, observed: 0.995 },
  ],
  incomplete: 'interrupted by SIGINT',
};

const T0 = Date.parse(summary.startedAt);
const timing: CheckTiming = {
  check: (c) => ({ start: T0 + 1000, stop: T0 + (c.checkId === 'token_response.status.is_200' ? 3500 : 2000) }),
  endpoint: () => ({ start: T0 + 500, stop: T0 + 9500 }),
};

type Case = Record<string, string | Record<string, string> | undefined>;
const parsed = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: (n) => ['testsuite', 'testcase'].includes(n),
}).parse(junitXml(summary, reportTests(summary, timing)));
const suites: { name: string; testcase: Case[]; [k: string]: unknown }[] = parsed.testsuites.testsuite;
const cases: Case[] = suites.flatMap((s) => s.testcase);
const byName = (name: string, classname?: string) =>
  cases.find((c) => c.name === name && (!classname || c.classname === classname)) as Case;

describe('JUnit XML', () => {
  it('fails a failure-severity check with its message, and keeps a warning green with a note', () => {
    const failed = byName('token_response.status.is_200');
    assert.deepEqual(failed.failure, {
      message: 'expected status 200, got 429 & <more>',
      type: 'token_response.status.is_200',
      '#text': '2 of 12 evaluations failed; HTTP 429; expected status 200, got 429 & <more>',
    });
    const warning = byName('token_response.cache_control.no_store');
    assert.equal(warning.failure, undefined);
    assert.equal(warning['system-out'], '1 of 12 evaluations failed; missing');
  });

  it('records a transport error and a check that threw as <error>, not <failure>', () => {
    const transport = byName('token_response.schema');
    assert.equal(transport.failure, undefined);
    assert.deepEqual(transport.error, {
      message: 'expected status 200, got 0',
      type: 'transport',
      '#text': '1 of 11 evaluations failed; no response (transport error: request timeout); expected status 200, got 0',
    });
    assert.equal(
      (byName('access_token.signature.valid_against_jwks').error as Record<string, string>).type,
      'exception',
    );
  });

  it('lists a check not run, an accepted failure and a matrix cell not run as <skipped message="why"/>', () => {
    assert.deepEqual(byName('access_token.jti.present').skipped, {
      message: 'not run: no access token came back to judge',
    });
    assert.deepEqual(byName('access_token.iss.equals_issuer').skipped, {
      message: 'expected failure (TICKET-1): iss was wrong',
    });
    assert.deepEqual(byName('POST /oauth/token [tls_client_auth] not run').skipped, {
      message: 'no mTLS client configured',
    });
  });

  it("fails an endpoint's latency test on its crossed threshold, with the observed value, and keeps run-wide thresholds", () => {
    const latency = byName('latency and rate: POST /oauth/token') as { failure: Record<string, string> };
    assert.equal(
      latency.failure.message,
      'threshold crossed: http_req_duration{endpoint:POST /oauth/token,phase:measured} p(95)<300',
    );
    assert.match(latency.failure['#text'], /CROSSED: .* p\(95\)<300: p\(95\) was 412\.5/);
    assert.ok(!cases.some((c) => String(c.name).includes('>=0')), 'submetric keepers are not tests');
    assert.equal(byName('threshold checks rate>0.99').failure, undefined);
  });

  it('gives every case and suite a time in seconds, from when it ran', () => {
    assert.ok(cases.every((c) => /^\d+\.\d{3}$/.test(String(c.time))));
    assert.equal(byName('token_response.status.is_200').time, '2.500');
    assert.equal(byName('latency and rate: POST /oauth/token').time, '9.000');
    const token = suites.find((s) => s.name === 'load: POST /oauth/token');
    assert.equal(token?.time, '9.000', "a suite's time is the span of its cases");
    assert.equal(parsed.testsuites.time, '60.000');
  });

  it('counts the same tests in the root as in its suites, with the incomplete run as an error', () => {
    const root = parsed.testsuites;
    const sum = (key: string) => suites.reduce((n, s) => n + Number(s[key]), 0);
    assert.deepEqual([root.tests, root.failures, root.errors, root.skipped].map(Number), [
      sum('tests'),
      sum('failures'),
      sum('errors'),
      sum('skipped'),
    ]);
    assert.deepEqual([root.tests, root.failures, root.errors, root.skipped].map(Number), [10, 2, 3, 3]);
    assert.equal(
      (byName('run completed').error as Record<string, string>).message,
      'the run did not complete: interrupted by SIGINT',
    );
  });
});
