// Test support: a loopback HTTP server and a way to run a k6 script on the engine in its own process,
// as `auth0-harness k6 run` starts it (engine/engine-process.ts), with the handleSummary data at hand.
// The CLI in front of it is left out (its part, passing signals on and cleaning up, is tested in
// launcher-death.test.ts and the CLI's tests): a CLI start per script was most of these tests' CPU.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { compileScript } from '../../engine/compile-script.ts';
import { engineProcessCommand, type EngineProcessCommand } from '../../engine/engine-process.ts';

export interface LoopbackServer {
  url: string;
  close(): Promise<void>;
}

/** A server on 127.0.0.1: `/status/N` answers N, `?delay=ms` waits first, everything else is 200 JSON. */
export async function startServer(handler?: http.RequestListener): Promise<LoopbackServer> {
  const server = http.createServer(
    handler ??
      ((req, res) => {
        const url = new URL(req.url ?? '/', 'http://x');
        const delay = Number(url.searchParams.get('delay') ?? 0);
        const status = /^\/status\/(\d+)/.exec(url.pathname);
        setTimeout(() => {
          res.setHeader('content-type', 'application/json');
          res.setHeader('x-ratelimit-remaining', '9');
          res.statusCode = status ? Number(status[1]) : 200;
          res.end(JSON.stringify({ ok: true, n: [1, 2, 3], path: url.pathname }));
        }, delay);
      }),
  );
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface ScriptRun {
  code: number | null;
  stdout: string;
  stderr: string;
  dir: string;
  /** What handleSummary received, when the script used `writeSummary`. */
  summary: any;
  /** The console lines of a `--log-format json` run. */
  consoleLines: string[];
}

/** A handleSummary that keeps the data for the test: append it to a script. */
export const WRITE_SUMMARY = `export function handleSummary(data) { return { 'summary.json': JSON.stringify(data) }; }`;

interface RunOptions {
  /** Sends `signal` (SIGINT by default) once stderr shows this text. */
  signalWhenLogged?: string;
  signal?: NodeJS.Signals;
}

/** The engine's command, from its bundle. */
async function engineCommand(): Promise<EngineProcessCommand> {
  const engine = await engineProcessCommand();
  if (!engine) throw new Error('the engine bundle could not be written beside node_modules');
  return engine;
}

/** Writes `source` to a temporary folder and runs it with `k6 run --log-format json [args]`. */
export function runScript(source: string, args: string[] = [], options: RunOptions = {}): Promise<ScriptRun> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'engine-test-'));
  writeFileSync(path.join(dir, 'script.js'), source);
  return runFile(dir, 'script.js', args, options);
}

/** Runs `file` (relative to `dir`, where it runs) with `k6 run --log-format json [args]`. */
export async function runFile(
  dir: string,
  file: string,
  args: string[] = [],
  options: RunOptions = {},
): Promise<ScriptRun> {
  const { command, args: engineArgs } = await engineCommand();
  // The engine's compilation of the script, made here, where one esbuild service serves every script
  // of the process, and kept in the engine's cache (engine/compiled-script-cache.ts), where the engine
  // finds it: a new script cost each engine process an esbuild start, some 0.2 CPU-s (144 runs). The
  // engine compiles on its own wherever no test did (the CLI's and the docs' tests), and a script
  // that does not compile is left for the engine to refuse.
  await compileScript(path.resolve(dir, file), () => {}).catch(() => {});
  return new Promise((resolve) => {
    const child = spawn(command, [...engineArgs, 'run', '--log-format', 'json', ...args, file], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    let signalled = false;
    child.stderr.on('data', (d) => {
      stderr += d;
      // Signal once the script is running (start-up time varies a lot on a shared machine).
      if (options.signalWhenLogged && !signalled && stderr.includes(options.signalWhenLogged)) {
        signalled = true;
        child.kill(options.signal ?? 'SIGINT');
      }
    });
    child.on('close', (code) => {
      const summaryFile = path.join(dir, 'summary.json');
      const consoleLines = stderr
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l))
        .filter((l) => l.source === 'console')
        .map((l) => l.msg as string);
      resolve({
        code,
        stdout,
        stderr,
        dir,
        summary: existsSync(summaryFile) ? JSON.parse(readFileSync(summaryFile, 'utf8')) : undefined,
        consoleLines,
      });
    });
  });
}
