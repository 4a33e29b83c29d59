import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import { writeCrossedThresholdRun } from '../support/crossed-threshold-run.ts';
import { ALLURE_HTML_ON, runCli, type CliResult } from '../support/run-cli.ts';

// One run, one verdict: the exit code, the terminal, summary.json, junit.xml and the Allure report of a
// run whose failed-request threshold was crossed (while every check passed) all say it failed, say
// what failed, and count the same tests.

const THRESHOLD = 'http_req_failed{endpoint:POST /oauth/token,phase:measured} rate<0.01';

describe('a run whose threshold is crossed reads as failed in every output', () => {
  const out = mkdtempSync(path.join(os.tmpdir(), 'one-verdict-'));
  let result: CliResult;
  before(async () => {
    writeCrossedThresholdRun(out);
    result = await runCli(['report', '--out', out], { env: ALLURE_HTML_ON });
  });
  after(() => rmSync(out, { recursive: true, force: true }));

  const read = (file: string) => readFileSync(path.join(out, file), 'utf8');
  const junit = () =>
    new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '',
      isArray: (n) => ['testsuite', 'testcase'].includes(n),
    }).parse(read('junit.xml')).testsuites;
  const allureResults = () =>
    readdirSync(path.join(out, 'allure-results'))
      .filter((f) => f.endsWith('-result.json'))
      .map((f) => JSON.parse(read(path.join('allure-results', f))));

  it('ends the terminal report with the threshold, its observed value, and the requests behind it', () => {
    const lines = result.stdout.trimEnd().split('\n');
    const whatFailed = lines.slice(lines.indexOf('what failed:'));
    assert.ok(whatFailed.length > 1, result.stdout);
    assert.match(
      whatFailed.join('\n'),
      new RegExp(`✗ threshold ${THRESHOLD.replace(/[{}()|.]/g, '\\$&')}: rate was 0\\.1\\n`),
    );
    assert.match(whatFailed.join('\n'), /HTTP 403 ×2 on POST \/oauth\/token \[none\] flow refresh_rotation/);
    assert.match(
      lines.find((l) => l.startsWith('FAIL  1 passed')) ?? '',
      /^FAIL  1 passed, 1 failed, 0 skipped of 2 tests/,
    );
  });

  it('exits 1 and fails the JUnit case and the Allure test of that endpoint, as summary.json says', () => {
    assert.equal(result.code, 1, result.stdout + result.stderr);
    assert.equal(JSON.parse(read('summary.json')).ok, false);
    const latency = junit()
      .testsuite.flatMap((s: { testcase: unknown[] }) => s.testcase)
      .find((c: { name: string }) => c.name === 'latency and rate: POST /oauth/token');
    assert.equal(latency.failure.message, `threshold crossed: ${THRESHOLD}`);
    const test = allureResults().find((r) => r.name === 'latency and rate: POST /oauth/token');
    assert.equal(test.status, 'failed');
    assert.match(test.statusDetails.trace, /HTTP 403 ×2 on POST \/oauth\/token \[none\] flow refresh_rotation/);
  });

  it('counts the same tests in the terminal, summary.json, junit.xml and the Allure results', () => {
    const counts = JSON.parse(read('summary.json')).counts;
    assert.deepEqual(counts.checks, {
      total: 1,
      passed: 1,
      failed: 0,
      broken: 0,
      warned: 0,
      notRun: 0,
      expectedFailures: 0,
    });
    assert.equal(counts.evaluations, 18);
    assert.equal(Number(junit().tests), counts.tests.total);
    assert.equal(Number(junit().failures), counts.tests.failed);
    assert.equal(allureResults().length, counts.tests.total);
    assert.match(result.stdout, new RegExp(`^  1 check: 1 passed, 0 failed \\(18 evaluations\\)$`, 'm'));
    assert.match(result.stdout, new RegExp(`of ${counts.tests.total} tests \\(1 check, 1 endpoint latency test\\)`));
  });

  it("draws the latency page from the measured phase only, with the threshold, and without the tenant's control API", () => {
    const page = read('latency.html');
    assert.doesNotMatch(page, /__tenant/);
    assert.match(page, /<line class="threshold"[^>]*><title>threshold p\(95\)&lt;500 held<\/title>/);
    assert.match(page, />warm-up \(left out\)</);
    assert.match(page, /<tr><th>mix<\/th><td>client_credentials_post<\/td><td>90\.0 %<\/td><\/tr>/);
  });

  it('names the load shape on the Allure overview in words that wrap, not as one long JSON string', () => {
    const env = read(path.join('allure-results', 'environment.properties'));
    assert.match(
      env,
      /^load\\ shape=name smoke; model open; rate 2; durationS 10; mix client_credentials_post=0\.9, refresh_rotation=0\.1$/m,
    );
  });

  const javaPresent = spawnSync('java', ['-version'], { stdio: 'ignore' }).status === 0;
  it(
    'generates an Allure report page that loads nothing from another origin',
    { skip: !javaPresent && 'no Java here' },
    () => {
      const index = path.join(out, 'allure-report', 'index.html');
      assert.ok(existsSync(index), result.stdout);
      const html = readFileSync(index, 'utf8');
      const external = [...html.matchAll(/\b(?:src|href)\s*=\s*["']((?:[a-z]+:)?\/\/[^"']*)/gi)].map((m) => m[1]);
      assert.deepEqual(external, []);
      assert.doesNotMatch(html, /gtag|dataLayer|googletagmanager/);
    },
  );
});
