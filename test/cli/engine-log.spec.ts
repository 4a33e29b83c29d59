import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { after, describe, it } from 'node:test';
import { consumeEngineLog } from '../../cli/engine-log.ts';
import { FINDING_PREFIX } from '../../lib/k6-and-node/result-protocol.ts';
import type { KnownSecret } from '../../reports/known-secrets.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'engine-log-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Feeds JSON log lines through the reader and returns what it wrote to the user and the findings. */
async function read(lines: object[], secrets: KnownSecret[] = []) {
  const stream = new PassThrough();
  const findingsFile = path.join(dir, `findings-${Math.random()}.ndjson`);
  let shown = '';
  const log = consumeEngineLog(stream, findingsFile, secrets, (text) => (shown += text));
  for (const line of lines) stream.write(`${JSON.stringify(line)}\n`);
  stream.end();
  await log.done;
  let findings = '';
  try {
    findings = readFileSync(findingsFile, 'utf8');
  } catch {
    findings = '';
  }
  return { shown, findings, log };
}

describe("the runner's reading of the engine's log", () => {
  it("shows k6's fields beside the message, so a failed request says why", async () => {
    const { shown } = await read([
      {
        level: 'warning',
        msg: 'Request Failed',
        error: 'Get "http://127.0.0.1:9/x": dial tcp 127.0.0.1:9: connect: connection refused',
        time: '2026-12-06T00:00:00Z',
      },
    ]);
    assert.equal(
      shown,
      '  engine warning: Request Failed error="Get \\"http://127.0.0.1:9/x\\": dial tcp 127.0.0.1:9: connect: connection refused"\n',
    );
  });

  it('files findings in the raw folder, counts them, and does not show them', async () => {
    const finding = { endpoint: 'POST /oauth/token', credential: null, checkId: 'x.y', message: 'm' };
    const { shown, findings, log } = await read([
      { level: 'info', msg: FINDING_PREFIX + JSON.stringify(finding) },
      { level: 'info', msg: FINDING_PREFIX + JSON.stringify({ ...finding, checkId: 'x.z' }) },
    ]);
    assert.equal(shown, '');
    assert.equal(log.findings, 2);
    assert.equal(findings.trim().split('\n').length, 2);
    assert.deepEqual(JSON.parse(findings.split('\n')[0]), finding);
  });

  it('shows a message repeated for many requests three times, then says how many were left out', async () => {
    const failed = (port: number) => ({
      level: 'warning',
      msg: 'Request Failed',
      error: `Post "http://127.0.0.1:${port}/oauth/token": dial tcp 127.0.0.1:${port}: connect: connection refused`,
    });
    const { shown } = await read([
      ...Array.from({ length: 50 }, (_, i) => failed(9000 + i)),
      { level: 'error', msg: 'other' },
    ]);
    const lines = shown.trim().split('\n');
    assert.equal(lines.filter((l) => l.includes('Request Failed')).length, 3);
    assert.ok(lines.includes('  engine error: other'));
    assert.match(lines.at(-1)!, /47 more log lines like those above were left out/);
  });

  it('redacts a secret the run was given, in the message and in the fields', async () => {
    const { shown } = await read(
      [{ level: 'warning', msg: 'saw s3cr3t-value-123', error: 'again s3cr3t-value-123' }],
      [{ kind: 'client_secret', value: 's3cr3t-value-123' }],
    );
    assert.doesNotMatch(shown, /s3cr3t-value-123/);
  });

  it('recognises the abortOnFail message by its text, whatever fields follow it', async () => {
    const msg =
      "thresholds on metrics 'http_req_failed' were crossed; at least one has abortOnFail enabled, stopping test prematurely";
    const { log } = await read([{ level: 'error', msg, source: 'thresholds' }]);
    assert.equal(log.abortedByThreshold, msg);
  });

  it('passes a line that is not JSON through as it came', async () => {
    const stream = new PassThrough();
    let shown = '';
    const log = consumeEngineLog(stream, path.join(dir, 'none.ndjson'), [], (text) => (shown += text));
    stream.end('panic: plain text\n');
    await log.done;
    assert.equal(shown, '  engine panic: plain text\n');
  });
});
