import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { isRunning, processTrees, type ProcessId } from '../support/process-tree.ts';
import { harnessBin, repoRoot } from '../support/run-cli.ts';

// A run stopped by a signal, started the ways README and CI start it. Whichever process gets the
// signal, the run stops gracefully, its reports say it is incomplete, and no process it started
// (the harness, the engine, esbuild) outlives it. npm (npx, npm run) runs the command through
// `sh -c`; on SIGTERM the shell dies at once and the harness learns of it only by losing its parent.

const out = mkdtempSync(path.join(os.tmpdir(), 'harness-interrupt-'));
const TIMEOUT = { timeout: 180_000 };
// The line the runner prints once the engine runs: from then on there is something to interrupt.
const STARTED = /^run: started \(engine pid \d+\)/m;
// No update check or install prompt from npm: the test is about signals, not the registry.
const NPM_ENV = { npm_config_update_notifier: 'false', npm_config_yes: 'true', npm_config_fund: 'false' };

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Whether summary.json was there when the command exited: did it wait for the reports? */
  reportsBeforeExit: boolean;
  output: string;
  /** Every process of the run seen while it ran; none may still be running. */
  processes: ProcessId[];
}

interface Interruption {
  signal: NodeJS.Signals;
  /** To the whole process group, as Ctrl-C does; else to the command's process alone. */
  group?: boolean;
  /** The output line after which the signal is sent. */
  started?: RegExp;
  /** The run's --out, whose summary.json is looked for when the command exits. */
  outDir?: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * Starts `command` in a process group of its own (as a terminal starts a foreground job), sends it
 * the signal once it has started, and returns once every process holding its output has ended.
 */
function interruptRun(
  command: string,
  args: string[],
  { signal, group = false, started = STARTED, outDir, env = {} }: Interruption,
): Promise<Ended> {
  const child = spawn(command, args, {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const seen = new Map<string, ProcessId>();
  // Reparented processes are no longer below the first one: each known process is looked under.
  const track = () => {
    for (const p of processTrees([child.pid!, ...[...seen.values()].map((p) => p.pid)]))
      seen.set(`${p.pid}/${p.startTime}`, p);
  };
  let output = '';
  let sent = false;
  const onOutput = (chunk: Buffer) => {
    output += chunk;
    track();
    if (!sent && started.test(output)) {
      sent = true;
      process.kill(group ? -child.pid! : child.pid!, signal);
    }
  };
  child.stdout.on('data', onOutput);
  child.stderr.on('data', onOutput);
  let exit: Omit<Ended, 'output' | 'processes'> | undefined;
  child.on('exit', (code, exitSignal) => {
    exit = { code, signal: exitSignal, reportsBeforeExit: !!outDir && existsSync(path.join(outDir, 'summary.json')) };
  });
  // 'close': the command has exited and every process that inherited its output has closed it.
  return new Promise((resolve) =>
    child.on('close', () => resolve({ ...exit!, output, processes: [...seen.values()] })),
  );
}

/** `launchers`: the processes the harness runs below (npm and its shell), none when node runs it. */
function assertStoppedCleanly(ended: Ended, outDir: string, incomplete: RegExp, launchers: number) {
  assert.ok(STARTED.test(ended.output), `the run never started:\n${ended.output}`);
  const running = ended.processes.filter(isRunning);
  assert.deepEqual(running, [], `still running after the run ended: ${running.map((p) => p.pid).join(', ')}`);
  assert.ok(ended.processes.length >= launchers + 2, 'the harness and its engine were followed');
  const summary = JSON.parse(readFileSync(path.join(outDir, 'summary.json'), 'utf8'));
  assert.equal(summary.ok, false);
  assert.match(summary.incomplete, incomplete);
  assert.match(
    readFileSync(path.join(outDir, 'junit.xml'), 'utf8'),
    /name="run completed" time="[\d.]+">\s*<error message="the run did not complete: interrupted/,
  );
}

describe('auth0-harness run, interrupted', () => {
  after(() => rmSync(out, { recursive: true, force: true }));
  const npx = (dir: string) => ['auth0-harness', 'run', 'conformance', '--out', dir];

  it(
    'under npx, SIGTERM to npx: npm dies of it at once, the harness stops as its parent is gone',
    TIMEOUT,
    async () => {
      const dir = path.join(out, 'npx-term');
      const ended = await interruptRun('npx', npx(dir), { signal: 'SIGTERM', outDir: dir, env: NPM_ENV });
      // npm passes SIGTERM to its shell, which dies of it, and then ends itself by the same signal.
      // (Whether the orphaned harness wrote its reports before this process saw npm's exit is a race
      // on a busy machine, so it is not asserted here.)
      assert.deepEqual([ended.code, ended.signal], [null, 'SIGTERM']);
      assertStoppedCleanly(ended, dir, /^interrupted by the exit of its parent process; the results cover what was/, 2);
    },
  );

  it('under npm run, SIGTERM to npm: the same', TIMEOUT, async () => {
    const dir = path.join(out, 'npm-run-term');
    const ended = await interruptRun('npm', ['run', 'start', '--', '--out', dir], {
      signal: 'SIGTERM',
      outDir: dir,
      env: NPM_ENV,
    });
    assert.deepEqual([ended.code, ended.signal], [null, 'SIGTERM']);
    assertStoppedCleanly(ended, dir, /^interrupted by the exit of its parent process/, 2);
  });

  it('under npx, Ctrl-C (SIGINT to the group): npx waits for the reports, then ends by SIGINT', TIMEOUT, async () => {
    const dir = path.join(out, 'npx-int');
    const ended = await interruptRun('npx', npx(dir), { signal: 'SIGINT', group: true, outDir: dir, env: NPM_ENV });
    // The harness exits 1; its shell then ends itself by the SIGINT it was sent, and npm does the same
    // (a shell shows 130).
    assert.deepEqual([ended.code, ended.signal, ended.reportsBeforeExit], [null, 'SIGINT', true]);
    assertStoppedCleanly(ended, dir, /^interrupted by SIGINT; the results cover what was measured/, 2);
  });

  it('run with node directly, SIGTERM: exit 1 once the reports are written', TIMEOUT, async () => {
    const dir = path.join(out, 'node-term');
    const ended = await interruptRun(process.execPath, [harnessBin, 'run', 'conformance', '--out', dir], {
      signal: 'SIGTERM',
      outDir: dir,
    });
    assert.deepEqual([ended.code, ended.signal, ended.reportsBeforeExit], [1, null, true]);
    assertStoppedCleanly(ended, dir, /^interrupted by SIGTERM; the results cover what was measured/, 0);
  });

  it('run with node directly, SIGHUP (its terminal closed): stops as on SIGTERM, exit 1', TIMEOUT, async () => {
    const dir = path.join(out, 'node-hup');
    const ended = await interruptRun(process.execPath, [harnessBin, 'run', 'conformance', '--out', dir], {
      signal: 'SIGHUP',
      outDir: dir,
    });
    assert.deepEqual([ended.code, ended.signal, ended.reportsBeforeExit], [1, null, true]);
    assertStoppedCleanly(ended, dir, /^interrupted by SIGHUP; the results cover what was measured/, 0);
  });
});

describe('auth0-harness tenant, interrupted', () => {
  it(
    'under npx, SIGTERM to npx: the tenant stops and frees its port, though npm never passed the signal on',
    TIMEOUT,
    async () => {
      const ended = await interruptRun('npx', ['auth0-harness', 'tenant', '--port', '0'], {
        signal: 'SIGTERM',
        started: /local tenant listening on (\S+)/,
        env: NPM_ENV,
      });
      assert.equal(ended.signal, 'SIGTERM');
      const running = ended.processes.filter(isRunning);
      assert.deepEqual(running, [], `still running: ${running.map((p) => p.pid).join(', ')}`);
      const url = /local tenant listening on (\S+)/.exec(ended.output)![1];
      await assert.rejects(fetch(`${url}/.well-known/openid-configuration`), 'nothing listens there any more');
    },
  );
});
