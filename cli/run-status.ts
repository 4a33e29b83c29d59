// What a run shows while it runs. On a terminal the engine draws its own live progress (k6's bars, on
// the stdout the runner shares with it). Elsewhere (CI logs, pipes) k6 would print its whole block
// every second, which buries an hour's soak in 3,600 blocks: the engine is made quiet and the runner
// prints one short line at a steady interval instead. `--quiet` silences both.

/** How often a run that is not on a terminal says it is still going. */
export const STATUS_INTERVAL_MS = 10_000;

export interface RunDisplay {
  quiet: boolean;
  /** Whether stdout is a terminal. */
  terminal: boolean;
}

/** The engine flags that go with the display: k6's own progress only on a terminal. */
export function engineDisplayArgs(display: RunDisplay): string[] {
  return display.quiet || !display.terminal ? ['--quiet'] : [];
}

const clock = (ms: number) => {
  const seconds = Math.floor(ms / 1000);
  return `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
};

/** One status line, e.g. `run: load, 1m20s so far, 2 check failures logged`. */
export function statusLine(suite: string, elapsedMs: number, findings: number): string {
  const failures =
    findings === 0 ? 'no check failure so far' : `${findings} check failure${findings === 1 ? '' : 's'} logged`;
  return `run: ${suite}, ${clock(elapsedMs)} so far, ${failures}\n`;
}

/**
 * Starts the steady status line when the display calls for it; returns what stops it. `findings`
 * reads how many check failures the engine has logged so far.
 */
export function startStatusLine(
  display: RunDisplay,
  suite: string,
  findings: () => number,
  write: (text: string) => void = (text) => process.stderr.write(text),
): () => void {
  if (display.quiet || display.terminal) return () => {};
  const started = Date.now();
  const timer = setInterval(() => write(statusLine(suite, Date.now() - started, findings())), STATUS_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
