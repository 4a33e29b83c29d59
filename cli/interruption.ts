// How a long-running command (a run, the foreground tenant) learns it should stop: SIGINT (Ctrl-C),
// SIGTERM, SIGHUP (the terminal went away), or the exit of the process that started it.
//
// The last one is for `npx auth0-harness` and `npm run`/`npm start`: npm runs the command through
// `sh -c`, and passes a SIGTERM it receives only to that shell, which dies at once without passing
// it on (dash and bash both wait only for SIGINT); npm then ends itself with the same signal. The
// harness would never hear of it and would go on loading the target, orphaned. So it watches its
// parent: once the parent is gone, it stops as on SIGTERM. A signal is the fast path; the watch
// catches every parent that dies first, by any signal, including SIGKILL.

/** Why a command is stopping early. */
export interface Interruption {
  /** For reports and logs: `SIGINT`, `SIGTERM`, `SIGHUP`, or `the exit of its parent process`. */
  cause: string;
  /**
   * The signal to pass on to the engine. SIGINT stays SIGINT, so a second Ctrl-C forces the stop
   * as in k6; the others become SIGTERM (k6 does not handle SIGHUP).
   */
  engineSignal: NodeJS.Signals;
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const PARENT_EXIT = 'the exit of its parent process';
// How often the parent is looked for: a getppid() call, a few times a second.
const PARENT_WATCH_MS = 250;

/**
 * Calls `listener` on every interruption (a second Ctrl-C is a second call) until the returned
 * function is called. While it listens, the signals no longer end the process by themselves.
 */
export function onInterruption(listener: (interruption: Interruption) => void): () => void {
  const handlers = SIGNALS.map((signal) => {
    const handler = () => listener({ cause: signal, engineSignal: signal === 'SIGINT' ? 'SIGINT' : 'SIGTERM' });
    process.on(signal, handler);
    return [signal, handler] as const;
  });
  // Once orphaned, the parent id is that of init or a subreaper: any change means the parent is gone.
  const parent = process.ppid;
  const watch = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(watch);
    listener({ cause: PARENT_EXIT, engineSignal: 'SIGTERM' });
  }, PARENT_WATCH_MS);
  watch.unref();
  return () => {
    clearInterval(watch);
    for (const [signal, handler] of handlers) process.off(signal, handler);
  };
}
