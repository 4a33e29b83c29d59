import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { runEnvironment, writeAllureResults } from '../../reports/allure-results.ts';
import type { CheckTiming } from '../../reports/check-timing.ts';
import { reportTests } from '../../reports/report-tests.ts';
import type { RunSummary } from '../../reports/run-summary.ts';
import type { Finding } from '../../lib/k6-and-node/result-protocol.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'allure-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const summary: RunSummary = {
  schemaVersion: 1,
  suite: 'conformance',
  target: 'local',
  engine: 'auth0-harness local engine',
  profile: 'auth0',
  startedAt: '2026-11-27T10:00:00.000Z',
  durationMs: 4000,
  ok: false,
  checks: [
    {
      id: 'token_response.schema',
      endpoint: 'POST /oauth/token',
      credential: 'client_secret_post',
      severity: 'failure',
      passes: 2,
      fails: 0,
      message: null,
    },
    {
      id: 'access_token.iss.matches_issuer',
      endpoint: 'POST /oauth/token',
      credential: 'client_secret_basic',
      severity: 'failure',
      passes: 0,
      fails: 2,
      message: 'iss was "http://127.0.0.1:1/", expected "https://tenant.example/"',
      flow: 'discover tenant → request token → verify access token',
      httpStatus: 200,
    },
    {
      id: 'access_token.signature.valid_against_jwks',
      endpoint: 'POST /oauth/token',
      credential: 'client_secret_post',
      severity: 'failure',
      passes: 0,
      fails: 1,
      message: 'the check itself failed: boom',
      cause: 'exception',
    },
    {
      id: 'token_response.status.is_200',
      endpoint: 'POST /oauth/token',
      credential: 'client_secret_basic',
      severity: 'failure',
      passes: 3,
      fails: 1,
      message: 'expected status 200, got 0',
      httpStatus: 0,
      cause: 'transport',
      transportError: 'dial tcp 127.0.0.1:1: connect: connection refused',
    },
    {
      id: 'authorize.redirect.echoes_state',
      endpoint: 'GET /authorize',
      credential: 'client_secret_post',
      severity: 'failure',
      passes: 0,
      fails: 3,
      message: 'expected state "Qx81vZk2pLm09aBcD" in the query, got "zzTop9912AbCdEfGh" at http://127.0.0.1:41234/cb',
    },
    {
      id: 'authorize.redirect.echoes_state',
      endpoint: 'GET /authorize',
      credential: 'client_secret_basic',
      severity: 'failure',
      passes: 1,
      fails: 1,
      message: 'expected state "77aa91BBcc02ddEE" in the query, got "pp01QQ23rr45SS67" at http://127.0.0.1:38011/cb',
    },
    {
      id: 'discovery.response_types_supported.includes_code',
      endpoint: 'GET /.well-known/openid-configuration',
      credential: null,
      severity: 'warning',
      passes: 0,
      fails: 1,
      message: 'missing',
    },
  ],
  matrix: [
    {
      endpoint: 'POST /oauth/token',
      credential: 'private_key_jwt',
      status: 'skipped',
      reason: 'no private_key_jwt client configured',
    },
  ],
  endpoints: [
    { endpoint: 'POST /oauth/token', requests: 4, p50: 10, p95: 20, p99: 21, max: 22, errorRate: 0.25, rps: 1 },
    { endpoint: 'GET /authorize', requests: 4, p50: 10, p95: 20, p99: 21, max: 22, errorRate: 0, rps: 1 },
  ],
  incomplete: 'interrupted by SIGINT; the results cover what was measured until then',
  loadShape: null,
  // as the load suite declares them: per endpoint and phase, with the submetric keeper beside them
  thresholds: [
    {
      metric: 'http_req_failed{endpoint:POST /oauth/token,phase:measured}',
      expression: 'rate<0.01',
      ok: false,
      observed: 0.25,
      endpoint: 'POST /oauth/token',
    },
    {
      metric: 'http_req_failed{endpoint:POST /oauth/token,phase:measured}',
      expression: 'rate>=0',
      ok: true,
      observed: 0.25,
      endpoint: 'POST /oauth/token',
    },
    {
      metric: 'http_req_duration{endpoint:GET /authorize,phase:measured}',
      expression: 'p(95)<500',
      ok: true,
      observed: 20,
      endpoint: 'GET /authorize',
    },
  ],
};

const T0 = Date.parse(summary.startedAt);
// As read from the run's JSON output: each check ran over its own stretch of the run.
const timing: CheckTiming = {
  check: (c) => (c.checkId === 'token_response.schema' ? { start: T0 + 1000, stop: T0 + 1250 } : undefined),
  endpoint: (e) => (e === 'POST /oauth/token' ? { start: T0 + 500, stop: T0 + 3500 } : undefined),
};

const findings: Finding[] = [
  {
    endpoint: 'POST /oauth/token',
    credential: 'client_secret_basic',
    checkId: 'access_token.iss.matches_issuer',
    message: 'iss was "http://127.0.0.1:1/", expected "https://tenant.example/"',
    flow: 'discover tenant → request token → verify access token',
    request: {
      method: 'POST',
      url: 'http://127.0.0.1:1/oauth/token',
      headers: { Authorization: 'Basic [redacted basic credentials, 40 chars]' },
      body: 'grant_type=client_credentials',
    },
    response: {
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: '{"access_token":"[redacted access_token, 500 chars]","token_type":"Bearer"}',
    },
  },
  {
    endpoint: 'POST /oauth/token',
    credential: 'client_secret_post',
    checkId: 'access_token.signature.valid_against_jwks',
    message: 'the check itself failed: boom',
  },
];

const tests = reportTests(summary, timing);
writeAllureResults(dir, { summary, tests, findings, harnessVersion: '9.9.9', buildOrder: 3 });
const results = readdirSync(dir)
  .filter((f) => f.endsWith('-result.json'))
  .map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')));
const byName = (name: string) => results.find((r) => r.name === name);
const label = (r: { labels: { name: string; value: string }[] }, name: string) =>
  r.labels.find((l) => l.name === name)?.value;

describe('Allure results', () => {
  it('writes one test per check × endpoint × credential method, labelled epic/feature/story/severity', () => {
    const r = byName('token_response.schema [client_secret_post]');
    assert.equal(r.status, 'passed');
    assert.equal(label(r, 'epic'), 'conformance');
    assert.equal(label(r, 'feature'), 'POST /oauth/token');
    assert.equal(label(r, 'story'), 'token_response.schema');
    assert.equal(label(r, 'severity'), 'critical');
    assert.deepEqual(
      r.parameters.map((p: { name: string; value: string }) => `${p.name}=${p.value}`),
      ['credential method=client_secret_post', 'profile=auth0', 'engine=auth0-harness local engine'],
    );
  });

  it('marks a wrong answer failed, with the flow as steps and the redacted exchange on the failing step', () => {
    const r = byName('access_token.iss.matches_issuer [client_secret_basic]');
    assert.equal(r.status, 'failed');
    assert.equal(r.statusDetails.message, 'iss was "http://127.0.0.1:<port>/", expected "https://tenant.example/"');
    assert.match(r.statusDetails.trace, /^2 of 2 evaluations failed; flow discover tenant → .*, HTTP 200; iss was/);
    assert.deepEqual(
      r.steps.map((s: { name: string; status: string }) => `${s.name}:${s.status}`),
      ['discover tenant:passed', 'request token:passed', 'verify access token:failed'],
    );
    const attachments = r.steps[2].attachments;
    assert.deepEqual(
      attachments.map((a: { name: string }) => a.name),
      ['request (redacted)', 'response (redacted)'],
    );
    const request = readFileSync(path.join(dir, attachments[0].source), 'utf8');
    assert.match(
      request,
      /^POST http:\/\/127\.0\.0\.1:1\/oauth\/token\nAuthorization: Basic \[redacted basic credentials, 40 chars\]/,
    );
    assert.match(readFileSync(path.join(dir, attachments[1].source), 'utf8'), /^HTTP 200\n/);
  });

  it('marks a check that threw, or a request that got no response, as broken, not as the server failing', () => {
    assert.equal(byName('access_token.signature.valid_against_jwks [client_secret_post]').status, 'broken');
    const transport = byName('token_response.status.is_200 [client_secret_basic]');
    assert.equal(transport.status, 'broken');
    assert.match(transport.statusDetails.trace, /no response \(transport error: dial tcp 127\.0\.0\.1:1: connect/);
  });

  it('gives one defect one message whatever its counts, random state values and ports, so Allure groups it once', () => {
    const a = byName('authorize.redirect.echoes_state [client_secret_post]');
    const b = byName('authorize.redirect.echoes_state [client_secret_basic]');
    assert.equal(a.statusDetails.message, b.statusDetails.message);
    assert.equal(
      a.statusDetails.message,
      'expected state … in the query, got "<random>" at http://127.0.0.1:<port>/cb',
    );
    assert.match(
      a.statusDetails.trace,
      /^3 of 3 evaluations failed;.*"Qx81vZk2pLm09aBcD"/,
      'the exact message stays in the details',
    );
  });

  it('fails the latency test of an endpoint whose threshold was crossed, whatever other tags the threshold has', () => {
    const r = byName('latency and rate: POST /oauth/token');
    assert.equal(r.status, 'failed');
    assert.equal(
      r.statusDetails.message,
      'threshold crossed: http_req_failed{endpoint:POST /oauth/token,phase:measured} rate<0.01',
    );
    assert.match(r.statusDetails.trace, /CROSSED: .* rate<0\.01: rate was 0\.25/);
    assert.equal(byName('latency and rate: GET /authorize').status, 'passed');
  });

  it('times each test from when it ran, not as an instant', () => {
    const schema = byName('token_response.schema [client_secret_post]');
    assert.deepEqual([schema.start - T0, schema.stop - T0], [1000, 1250]);
    const latency = byName('latency and rate: POST /oauth/token');
    assert.deepEqual([latency.start - T0, latency.stop - T0], [500, 3500]);
    const run = byName('run completed');
    assert.equal(run.stop - run.start, summary.durationMs);
  });

  it("shows a check's reference as a link a reader can open", () => {
    const r = byName('token_response.schema [client_secret_post]');
    assert.equal(r.links.length, 1);
    assert.match(r.links[0].url, /^https:\/\//);
    assert.doesNotMatch(r.description ?? '', /Reference: /);
  });

  it('keeps a failing warning green, saying it is a warning', () => {
    const r = byName('discovery.response_types_supported.includes_code [none]');
    assert.equal(r.status, 'passed');
    assert.match(r.statusDetails.message, /^warning: /);
    assert.equal(label(r, 'severity'), 'minor');
  });

  it('reports a skipped matrix cell and an incomplete run', () => {
    const skipped = byName('POST /oauth/token [private_key_jwt] not run');
    assert.equal(skipped.status, 'skipped');
    assert.equal(skipped.statusDetails.message, 'no private_key_jwt client configured');
    const run = byName('run completed');
    assert.equal(run.status, 'broken');
    assert.match(run.statusDetails.message, /^the run did not complete: interrupted by SIGINT/);
  });

  it('gives every test a history id that is stable across runs and unique within one', () => {
    const again = mkdtempSync(path.join(os.tmpdir(), 'allure-again-'));
    writeAllureResults(again, { summary, tests, findings, harnessVersion: '9.9.9', buildOrder: 4 });
    const ids = (d: string) =>
      readdirSync(d)
        .filter((f) => f.endsWith('-result.json'))
        .map((f) => JSON.parse(readFileSync(path.join(d, f), 'utf8')).historyId)
        .sort();
    assert.deepEqual(ids(again), ids(dir));
    assert.equal(new Set(ids(dir)).size, results.length);
    rmSync(again, { recursive: true, force: true });
  });

  it('writes environment.properties, executor.json and categories that split thresholds, contract, run, network and harness', () => {
    const env = readFileSync(path.join(dir, 'environment.properties'), 'utf8');
    for (const line of [
      'harness=9.9.9',
      `node=${process.version}`,
      'engine=auth0-harness local engine',
      'profile=auth0',
      'load\\ shape=none (conformance)',
    ]) {
      assert.ok(env.split('\n').includes(line), `${line} in\n${env}`);
    }
    assert.equal(JSON.parse(readFileSync(path.join(dir, 'executor.json'), 'utf8')).buildOrder, 3);
    const categories = JSON.parse(readFileSync(path.join(dir, 'categories.json'), 'utf8'));
    assert.deepEqual(
      categories.map((c: { name: string; matchedStatuses: string[] }) => `${c.name}:${c.matchedStatuses}`),
      [
        'A threshold was crossed:failed',
        'The server broke the contract:failed',
        'The run did not complete:broken',
        'No response arrived (transport error):broken',
        'The harness failed (a check or flow threw):broken',
      ],
    );
    // Allure matches a category's pattern against the whole message (or trace)
    const matches = (pattern: string, text: string) =>
      new RegExp(`^(?:${pattern.replace('(?s)', '')})$`, 's').test(text);
    assert.ok(matches(categories[0].messageRegex, byName('latency and rate: POST /oauth/token').statusDetails.message));
    assert.ok(matches(categories[2].messageRegex, byName('run completed').statusDetails.message));
    assert.ok(
      matches(
        categories[3].traceRegex,
        byName('token_response.status.is_200 [client_secret_basic]').statusDetails.trace,
      ),
    );
    assert.ok(
      !matches(
        categories[3].traceRegex,
        byName('access_token.signature.valid_against_jwks [client_secret_post]').statusDetails.trace,
      ),
    );
  });
  it("names a split run's runners and their segments on the overview, and one runner's segment", () => {
    const runners = [
      { raw: 'runners/1/raw', segment: '0:1/2', engine: 'k6', startedAt: summary.startedAt, durationMs: 1 },
      { raw: 'runners/2/raw', segment: '1/2:1', engine: 'k6', startedAt: summary.startedAt, durationMs: 1 },
    ];
    const context = { tests: [], findings: [], harnessVersion: '9.9.9', buildOrder: 1 };
    assert.equal(
      runEnvironment({ ...context, summary: { ...summary, runners } }).runners,
      '2 merged: runners/1/raw (0:1/2), runners/2/raw (1/2:1)',
    );
    assert.equal(
      runEnvironment({ ...context, summary: { ...summary, segment: '1/2:1' } }).segment,
      '1/2:1 (one runner of a split run)',
    );
  });
});
