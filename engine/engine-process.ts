import { spawn } from 'node:child_process';
import { nodeBundle } from '../build/node-bundles.mjs';
import { EXIT } from './exit-codes.ts';
import { k6RunCommand } from './k6-run-command.ts';

const DUPLICATE_SIGNAL_MS = 1000;
// V8's default young generation grows to 2 × 16 MB while a thousand VUs initialise and never
// shrinks; capped at 2 × 4 MB, a 1,000-VU run peaks lower, at the same throughput. The old
// generation keeps V8's own growth: capped at 10 %, it saved 6 MB at 1,000 trivial VUs (98.6 MB
// against 104.2 MB) but ran a full collection every few VU inits of a real suite bundle, a third
// of the engine's CPU in a short load run.
const V8_FLAGS = ['--max-semi-space-size=4'];

/** How to start the engine in a process of its own: node with the engine's V8 flags and its bundle. */
export interface EngineProcessCommand {
  command: string;
  /** Followed by `run [flags] <script>`, as k6 is. */
  args: string[];
}

/**
 * The command that runs the engine from its plain-JS bundle (build/node-bundles.mjs): no TypeScript
 * loader and none of the harness's other modules, so the VUs have the process to themselves. Where
 * the bundle cannot be built or written (a read-only install), undefined.
 */
export async function engineProcessCommand(): Promise<EngineProcessCommand | undefined> {
  const bundle = await nodeBundle('engine').catch(() => undefined);
  return bundle ? { command: process.execPath, args: [...V8_FLAGS, bundle] } : undefined;
}

/**
 * `auth0-harness k6 run`: runs the engine in a process of its own (or in this one, where no bundle can
 * be written). Signals are passed on once: the engine process has its own process group, so a Ctrl-C
 * on the terminal reaches it only through here.
 */
export async function runEngineProcess(argv: string[]): Promise<number> {
  const engine = await engineProcessCommand();
  if (!engine) return k6RunCommand(argv);
  // The IPC channel tells the engine if this process dies without passing a signal on (engine-main.ts).
  const child = spawn(engine.command, [...engine.args, 'run', ...argv], {
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    detached: true,
  });
  // A Ctrl-C can reach this process twice at once (from the terminal and from a parent that passes
  // signals on); the engine would take the second as "force stop".
  let lastForward = -Infinity;
  const forward = (signal: NodeJS.Signals) => {
    if (performance.now() - lastForward < DUPLICATE_SIGNAL_MS) return;
    lastForward = performance.now();
    child.kill(signal);
  };
  const killOnExit = () => child.kill('SIGKILL');
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  process.on('exit', killOnExit);
  try {
    return await new Promise<number>((resolve) =>
      child.on('close', (code, signal) => resolve(code ?? (signal ? EXIT.externalAbort : EXIT.scriptException))),
    );
  } finally {
    process.off('SIGINT', forward);
    process.off('SIGTERM', forward);
    process.off('exit', killOnExit);
  }
}
