import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, statSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './markdown-blocks.ts';

// A reader's checkout, made for the docs test: the repository's files (tracked, and new ones not
// ignored) copied into a folder of its own, with the checkout's node_modules linked in. Commands run
// there exactly as the docs show them, and whatever they write (out/, baselines/, harness.json)
// lands in the copy.

/** Every file of the repository: tracked ones, and new ones that .gitignore does not exclude (a deleted file or a link to a folder is left out). */
export function repositoryFiles(): string[] {
  return execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  })
    .split('\0')
    .filter((f) => f && existsSync(path.join(REPO_ROOT, f)) && statSync(path.join(REPO_ROOT, f)).isFile());
}

export function copyRepository(into: string): void {
  for (const file of repositoryFiles()) {
    mkdirSync(path.dirname(path.join(into, file)), { recursive: true });
    cpSync(path.join(REPO_ROOT, file), path.join(into, file));
  }
  symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(into, 'node_modules'), 'dir');
}

export interface CommandResult {
  code: number | null;
  /** The end of stdout and stderr together, for failure messages. */
  output: string;
}

const OUTPUT_KEPT = 6000;

function shell(command: string, cwd: string, env: NodeJS.ProcessEnv): ChildProcess {
  // A process group of its own, so that the command and everything it started stop together.
  return spawn('bash', ['-c', command], { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
}

function stopGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // The group has already gone.
  }
}

function collectOutput(child: ChildProcess, onText?: (all: string) => void): () => string {
  let output = '';
  const take = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_KEPT * 4);
    onText?.(output);
  };
  child.stdout!.on('data', take);
  child.stderr!.on('data', take);
  return () => output.slice(-OUTPUT_KEPT);
}

/** Runs one command to its end (or kills it after `timeoutMs`). */
export function runCommand(
  command: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): Promise<CommandResult> {
  const child = shell(command, cwd, env);
  const output = collectOutput(child);
  return new Promise((resolve) => {
    const timer = setTimeout(() => stopGroup(child, 'SIGKILL'), timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const note = signal ? `\n[ended by ${signal}${signal === 'SIGKILL' ? `, after ${timeoutMs} ms` : ''}]` : '';
      resolve({ code, output: output() + note });
    });
  });
}

export interface BackgroundCommand {
  stop(): Promise<void>;
}

/** Starts a long-running command (a server) and resolves once it printed `readyText`. */
export function startBackground(
  command: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
  readyText: string,
  timeoutMs: number,
): Promise<BackgroundCommand> {
  const child = shell(command, cwd, env);
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  const stop = async () => {
    stopGroup(child, 'SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop().then(() => reject(new Error(`"${command}" did not print "${readyText}" within ${timeoutMs} ms`)));
    }, timeoutMs);
    const output = collectOutput(child, (all) => {
      if (!all.includes(readyText)) return;
      clearTimeout(timer);
      resolve({ stop });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      reject(new Error(`"${command}" ended (exit ${code}) before printing "${readyText}":\n${output()}`));
    });
  });
}
