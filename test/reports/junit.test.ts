import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { junitXml } from '../../reports/junit.ts';
import type { RunSummary } from '../../reports/run-summary.ts';

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
    {
      id: 'token_response.status.is_200',
      endpoint: 'POST /oauth/token',
      credential: 'client_secret_post',
      severity: 'failure',
      passes: 10,
      fails: 2,
      message: 'expected status 200, got 429 & <more>',
    },
    {
      id: 'token_response.cache_control.no_store',
      endpoint: 'POST /oauth/token',
      credential: 'client_secret_post',
      severity: 'warning',
      passes: 11,
      fails: 1,
      message: 'missing',
    },
  ],
  matrix: [],
  endpoints: [],
  thresholds: [
    { metric: 'http_req_duration{endpoint:POST /oauth/token}', expression: 'p(95)<300', ok: false },
    { metric: 'http_req_failed{endpoint:POST /oauth/token}', expression: 'rate<0.01', ok: true },
    { metric: 'http_reqs{endpoint:POST /oauth/token}', expression: 'count>=0', ok: true },
  ],
  incomplete: 'interrupted by SIGINT',
};

describe('JUnit XML', () => {
  const xml = junitXml(summary);

  it('fails a failure-severity check with its escaped message, and keeps a warning green with a note', () => {
    assert.match(
      xml,
      /name="token_response.status.is_200"><failure message="expected status 200, got 429 &amp; &lt;more&gt;"/,
    );
    assert.match(
      xml,
      /name="token_response.cache_control.no_store"><system-out>warning: missing<\/system-out><\/testcase>/,
    );
  });

  it('lists real thresholds as testcases, failing the crossed one, and leaves out the submetric keepers', () => {
    assert.match(xml, /<testsuite name="load: thresholds" tests="2" failures="1"/);
    assert.match(
      xml,
      /name="http_req_duration\{endpoint:POST \/oauth\/token\} p\(95\)&lt;300"><failure message="threshold p\(95\)&lt;300 on http_req_duration\{endpoint:POST \/oauth\/token\} was crossed"/,
    );
    assert.doesNotMatch(xml, /count&gt;=0/);
  });

  it('counts everything in the root, with the incomplete run as an error', () => {
    assert.match(xml, /<testsuites name="auth0-harness load" tests="5" failures="2" errors="1" time="60.000">/);
    assert.match(xml, /name="run completed"><error message="interrupted by SIGINT"\/>/);
  });
});
