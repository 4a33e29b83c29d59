import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli } from '../support/run-cli.ts';

describe('auth0-harness run conformance --expected-failures', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'harness-expected-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a malformed file before running, naming each bad entry and field', async () => {
    const file = path.join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ expectedFailures: [{ checkId: 'token_response.schema' }, { reason: 'x' }] }));
    const result = await runCli([
      'run',
      'conformance',
      '--engine',
      'local',
      '--expected-failures',
      file,
      '--out',
      path.join(dir, 'out-bad'),
    ]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /expectedFailures\[0\]\.reason/);
    assert.match(result.stderr, /expectedFailures\[1\]\.checkId/);
    assert.doesNotMatch(result.stderr, /\n\s+at /);
  });

  it('reports an entry whose check passes as stale, in the terminal and in summary.json', async () => {
    const file = path.join(dir, 'stale.json');
    writeFileSync(
      file,
      JSON.stringify({
        expectedFailures: [
          {
            checkId: 'token_response.schema',
            endpoint: 'POST /oauth/token',
            credential: 'client_secret_post',
            reason: 'was broken once',
          },
        ],
      }),
    );
    const out = path.join(dir, 'out');
    const result = await runCli(['run', 'conformance', '--engine', 'local', '--expected-failures', file, '--out', out]);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(
      result.stdout,
      /stale expected failure \(it passes now; remove it\): token_response\.schema {2}POST \/oauth\/token \[client_secret_post\]/,
    );
    const summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8'));
    assert.deepEqual(
      summary.expectedFailures.map((e: { status: string }) => e.status),
      ['stale'],
    );
  });
});
