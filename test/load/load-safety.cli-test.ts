import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli } from '../support/run-cli.ts';

// Every case here is refused before any request is sent: the targets are never contacted.
describe('load and rate-limit safety', () => {
  const out = mkdtempSync(path.join(os.tmpdir(), 'harness-safety-'));
  after(() => rmSync(out, { recursive: true, force: true }));

  for (const suite of ['load', 'ratelimit']) {
    it(`${suite} refuses a target off this machine without --i-have-permission, printing Auth0's policy`, async () => {
      const result = await runCli(['run', suite, '--target', 'https://tenant.example.com', '--config', 'harness.json']);
      assert.equal(result.code, 2);
      assert.match(result.stderr, /is not on this machine/);
      assert.match(result.stderr, /prior written approval/);
      assert.match(result.stderr, /at least 2 weeks ahead/);
      assert.doesNotMatch(result.stderr, /\n\s+at /);
    });
  }

  it('caps the request rate at 50 rps off this machine unless --max-rps raises it', async () => {
    const args = [
      'run',
      'load',
      '--target',
      'https://tenant.example.com',
      '--config',
      'missing.json',
      '--i-have-permission',
      '--mix',
      'userinfo=1',
    ];
    const over = await runCli([...args, '--rate', '60']);
    assert.equal(over.code, 2);
    assert.match(
      over.stderr,
      /--rate: 60\/s sends about 60\.0 requests a second, above the ceiling of 50 rps .*raise the ceiling explicitly with --max-rps/,
    );
    // Raised explicitly, the rate passes the gate and the run stops at the next problem: the config file.
    const raised = await runCli([...args, '--rate', '60', '--max-rps', '100', '--out', out]);
    assert.equal(raised.code, 2);
    assert.match(raised.stderr, /--config: missing\.json does not exist/);
  });

  it('refuses the closed model off this machine, whose rate cannot be bounded in advance', async () => {
    const result = await runCli([
      'run',
      'load',
      '--target',
      'https://tenant.example.com',
      '--config',
      'missing.json',
      '--i-have-permission',
      '--model',
      'closed',
    ]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--model closed: its request rate is not bounded in advance/);
  });

  it('names the flag of a bad load option', async () => {
    const mix = await runCli(['run', 'load', '--mix', 'teleport=1']);
    assert.equal(mix.code, 2);
    assert.match(mix.stderr, /--mix: unknown flow "teleport"/);
    const shape = await runCli(['run', 'load', '--shape', 'zigzag']);
    assert.match(shape.stderr, /--shape: "zigzag" is not one of smoke, average, stress, spike, soak, breakpoint/);
    const threshold = await runCli(['run', 'load', '--threshold', 'fast']);
    assert.match(threshold.stderr, /--threshold: "fast" is not \[endpoint:\]metric<value/);
  });
});
