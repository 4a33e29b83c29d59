import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { describe, it } from 'node:test';
import { localTenantForSuite } from '../support/local-tenant-for-suite.ts';
import { harnessBin, repoRoot, runCli, type CliResult } from '../support/run-cli.ts';

interface Step {
  rate: number;
  ok: boolean;
  reason?: string;
  raw: string;
}

const readSummary = (out: string) => JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8'));
// Generous on purpose: the machine is shared; here only 429s should stop a step.
const RELAXED = ['--threshold', 'p95<5000', '--threshold', 'p99<10000'];

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('auth0-harness run load --find-max', () => {
  const local = localTenantForSuite('harness-find-max-');
  const { dir, configFile } = local;
  const target = () => ['--target', local.tenant.url, '--config', configFile];
  const setPlan = (plan: string) =>
    fetch(`${local.tenant.url}/__tenant/rate-limits`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ plan }),
    });

  it("steps the rate, reports the maximum per flow, and keeps every step's run", async () => {
    const out = path.join(dir, 'ceiling');
    const result = await runCli([
      'run',
      'load',
      '--engine',
      'local',
      '--out',
      out,
      '--find-max',
      '--mix',
      'discovery_jwks=1',
      '--rate',
      '5',
      '--duration',
      '1s',
      '--max-rps',
      '40',
      ...RELAXED,
    ]);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    const [flow] = readSummary(out).findMax;
    assert.equal(flow.flow, 'discovery_jwks');
    assert.ok(flow.maxSustainableRate > 0);
    assert.deepEqual(flow.steps.map((s: Step) => s.rate).slice(0, 2), [5, 10]);
    for (const step of flow.steps) assert.ok(existsSync(path.join(out, step.raw)), `${step.raw} should be kept`);
    assert.match(result.stdout, /find-max: discovery_jwks/);
  });

  it("a completed search is green: the breaching steps' 429s are its signal, and the reports are the best step's", async () => {
    // Essentials: a global bucket of 25 requests a second, which the doubling soon overruns.
    await setPlan('essentials');
    const out = path.join(dir, 'search');
    let result: CliResult;
    try {
      result = await runCli([
        'run',
        'load',
        '--engine',
        'local',
        ...target(),
        '--out',
        out,
        '--find-max',
        '--mix',
        'client_credentials_post=1',
        '--rate',
        '10',
        '--duration',
        '1s',
        ...RELAXED,
      ]);
    } finally {
      await setPlan('enterprise');
    }
    assert.equal(result.code, 0, result.stdout + result.stderr);
    const summary = readSummary(out);
    assert.equal(summary.ok, true);
    assert.equal(summary.incomplete, undefined);
    const [flow] = summary.findMax;
    assert.ok(flow.maxSustainableRate >= 10, JSON.stringify(flow.steps));
    assert.ok(
      flow.steps.some((s: Step) => !s.ok && /responses were 429/.test(s.reason ?? '')),
      JSON.stringify(flow.steps),
    );
    assert.equal(flow.ceilingReached, false);
    assert.ok(
      summary.checks.every((c: { fails: number }) => c.fails === 0),
      'no check of the breaching steps counts',
    );
    // The endpoint figures are those of the step at the rate found: one request an iteration for 1 s.
    const token = summary.endpoints.find((e: { endpoint: string }) => e.endpoint === 'POST /oauth/token');
    assert.ok(
      Math.abs(token.rps - flow.maxSustainableRate) <= 1 + flow.maxSustainableRate * 0.1,
      JSON.stringify(token),
    );
    assert.equal(summary.loadShape.name, 'find-max');
    assert.ok(existsSync(path.join(out, 'latency.html')), 'latency.html is written');
    assert.doesNotMatch(readFileSync(path.join(out, 'junit.xml'), 'utf8'), /<failure|<error/);
    assert.match(result.stdout, /^PASS/m);
    assert.match(
      result.stdout,
      new RegExp(`find-max: client_credentials_post: ${flow.maxSustainableRate}/s sustained`),
    );
  });

  it('a search whose first step fails for a reason other than the rate stops there and is not green', async () => {
    const out = path.join(dir, 'unreachable');
    // The tenant's clients, pointed at a port where nothing listens (a config names one tenant).
    const unreachable = `http://127.0.0.1:${await closedPort()}`;
    const unreachableConfig = path.join(dir, 'unreachable-harness.json');
    const config = JSON.parse(readFileSync(configFile, 'utf8'));
    writeFileSync(unreachableConfig, JSON.stringify({ ...config, baseUrl: unreachable, issuer: `${unreachable}/` }));
    const result = await runCli([
      'run',
      'load',
      '--engine',
      'local',
      '--target',
      unreachable,
      '--config',
      unreachableConfig,
      '--out',
      out,
      '--find-max',
      '--mix',
      'client_credentials_post=1',
      '--rate',
      '5',
      '--duration',
      '1s',
    ]);
    assert.equal(result.code, 1, result.stdout + result.stderr);
    const summary = readSummary(out);
    assert.equal(summary.ok, false);
    assert.match(
      summary.incomplete,
      /find-max could not complete: client_credentials_post at 5\/s: none of its \d+ measured requests got a response/,
    );
    const [flow] = summary.findMax;
    assert.equal(flow.steps.length, 1, 'no rate below a failure is tried: the target did not answer at all');
    assert.equal(flow.maxSustainableRate, 0);
    assert.match(result.stdout, /find-max: client_credentials_post: search incomplete/);
  });

  it('a step whose checks fail while the target keeps up is a failure of the run, not a rate signal', async () => {
    const setDeviations = (deviations: string[]) =>
      fetch(`${local.tenant.url}/__tenant/faults`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ deviations }),
      });
    await setDeviations(['token.wrong_aud']);
    const out = path.join(dir, 'wrong-tokens');
    let result: CliResult;
    try {
      result = await runCli([
        'run',
        'load',
        '--engine',
        'local',
        ...target(),
        '--out',
        out,
        '--find-max',
        '--mix',
        'client_credentials_post=1',
        '--rate',
        '5',
        '--duration',
        '1s',
        ...RELAXED,
      ]);
    } finally {
      await setDeviations([]);
    }
    assert.equal(result.code, 1, result.stdout + result.stderr);
    const summary = readSummary(out);
    assert.match(
      summary.incomplete,
      /client_credentials_post at 5\/s: \d+ sampled check\(s\) failed while the target kept up/,
    );
    assert.equal(summary.findMax[0].steps.length, 1);
    assert.ok(
      summary.checks.some((c: { id: string; fails: number }) => /\.aud\./.test(c.id) && c.fails > 0),
      JSON.stringify(summary.checks.filter((c: { fails: number }) => c.fails > 0)),
    );
  });

  it('an interrupted search starts no further step and is not green; its reports hold the steps measured', async () => {
    const out = path.join(dir, 'interrupted');
    const result = await new Promise<CliResult>((resolve) => {
      const child = spawn(
        process.execPath,
        [
          harnessBin,
          'run',
          'load',
          '--engine',
          'local',
          '--out',
          out,
          '--find-max',
          '--mix',
          'discovery_jwks=1',
          '--rate',
          '5',
          '--duration',
          '1s',
          ...RELAXED,
        ],
        { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => {
        stderr += d;
        // Once the first step is judged, the second is starting: Ctrl-C, as a terminal sends it.
        if (/find-max: discovery_jwks at 5\/s: sustained/.test(stderr)) child.kill('SIGINT');
      });
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
    assert.equal(result.code, 1, result.stdout + result.stderr);
    const summary = readSummary(out);
    assert.equal(summary.ok, false);
    assert.match(summary.incomplete, /interrupted by SIGINT/);
    assert.ok(summary.findMax[0].steps.length <= 2, JSON.stringify(summary.findMax[0].steps));
    assert.ok(summary.endpoints.length > 0, 'the first step is reported');
    assert.ok(existsSync(path.join(out, 'junit.xml')));
  });
});
