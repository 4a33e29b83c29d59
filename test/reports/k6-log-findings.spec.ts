import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { FINDING_PREFIX, type Finding } from '../../lib/k6-and-node/result-protocol.ts';
import { findingsInK6Log, writeFindingsFromK6Logs } from '../../reports/k6-log-findings.ts';
import { readRawResults } from '../../reports/raw-results.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'k6-log-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const finding = (checkId: string, message: string): Finding => ({
  endpoint: 'POST /oauth/token',
  credential: 'client_secret_post',
  checkId,
  message,
});
const first = finding('token_response.status.is_200', 'expected 200, saw 401 "access_denied" (path C:\\tmp)');
const second = finding('token_response.token_type.is_bearer', 'token_type was "bearer", not "Bearer" — é');

// k6's `--log-format json` line for a console.log, as k6 writes it.
const jsonLine = (msg: string, level = 'info') =>
  JSON.stringify({ level, msg, source: 'console', time: '2026-11-27T10:00:01Z' });
// logrus's text format quotes a field as Go's strconv.Quote does.
const goQuoted = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;

function logFile(name: string, lines: string[]): string {
  const file = path.join(dir, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

describe('findings from a k6 log', () => {
  it('takes the findings of a --log-format json log, in order, and skips every other line', async () => {
    const file = logFile('k6.ndjson', [
      '          /\\      Grafana   /‾‾/  ',
      jsonLine('the test starts'),
      jsonLine(FINDING_PREFIX + JSON.stringify(first)),
      'running (0m01.0s), 1/1 VUs, 0 complete and 0 interrupted iterations',
      jsonLine('a warning about auth0-harness:finding that is not one', 'warn'),
      '{"level":"info","msg":"auth0-harness:finding {\\"cut short',
      jsonLine(FINDING_PREFIX + JSON.stringify(second)),
      '',
      'load: 12 checks (240 evaluations): 10 passed every evaluation, 2 failed at least once',
    ]);
    assert.deepEqual(
      (await findingsInK6Log(file)).map((f) => JSON.parse(f)),
      [first, second],
    );
  });

  it('reads kubectl logs output: lines with --timestamps and --prefix in front of the JSON', async () => {
    const file = logFile('kubectl.log', [
      `2026-11-27T10:00:01.123456789Z ${jsonLine(FINDING_PREFIX + JSON.stringify(first))}`,
      `[pod/auth0-load-1-abcde/k6] ${jsonLine(FINDING_PREFIX + JSON.stringify(second))}`,
    ]);
    assert.deepEqual(
      (await findingsInK6Log(file)).map((f) => JSON.parse(f)),
      [first, second],
    );
  });

  it("reads k6's default text log format, whose message is a quoted Go string", async () => {
    const file = logFile('k6.txt', [
      `time="2026-11-27T10:00:01Z" level=info msg=${goQuoted(FINDING_PREFIX + JSON.stringify(first))} source=console`,
      'time="2026-11-27T10:00:01Z" level=warning msg="Request Failed" error="dial tcp: connection refused"',
      `time="2026-11-27T10:00:02Z" level=info msg=${goQuoted(FINDING_PREFIX + JSON.stringify(second))} source=console`,
    ]);
    assert.deepEqual(
      (await findingsInK6Log(file)).map((f) => JSON.parse(f)),
      [first, second],
    );
  });

  it("writes them to the raw folder's findings.ndjson, replacing what was there, for the reports to read", async () => {
    const raw = mkdtempSync(path.join(dir, 'raw-'));
    writeFileSync(path.join(raw, 'findings.ndjson'), `${JSON.stringify(finding('stale.check', 'from before'))}\n`);
    const logs = [
      logFile('runner-log-1.ndjson', [jsonLine(FINDING_PREFIX + JSON.stringify(first))]),
      logFile('runner-log-2.ndjson', [jsonLine(FINDING_PREFIX + JSON.stringify(second))]),
    ];
    assert.equal(await writeFindingsFromK6Logs(raw, logs), 2);
    assert.deepEqual(readRawResults(raw).findings, [first, second]);
    assert.equal(readFileSync(path.join(raw, 'findings.ndjson'), 'utf8').split('\n').length, 3);
  });
});
