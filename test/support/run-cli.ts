import { spawn } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './repo-root.ts';

export { repoRoot };
export const harnessBin = path.join(repoRoot, 'bin', 'auth0-harness.js');

/**
 * \`npm test\` skips the Allure HTML (a JVM start per run, HARNESS_ALLURE_HTML=off); the tests of the
 * HTML itself and of the commands as users run them ask for it with this.
 */
export const ALLURE_HTML_ON = { HARNESS_ALLURE_HTML: 'on' };

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the auth0-harness CLI as a user would, in its own process. */
export function runCli(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; uid?: number; gid?: number } = {},
): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [harnessBin, ...args], {
      cwd: options.cwd ?? repoRoot,
      env: { ...process.env, ...options.env },
      uid: options.uid,
      gid: options.gid,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
