import type { ScenarioRun } from '../executors/scenario-run.ts';
import type { RunState } from '../run-state.ts';
import { plannedDurationMs, type ScenarioConfig } from '../scenarios.ts';
import { fixedLengthDuration, fixedLengthInt } from './go-durations.ts';
import { renderBars, type ProgressBar, type Screen } from './progress-bars.ts';

// How often k6 redraws its progress: in place on a terminal, as a new block of lines elsewhere.
const TTY_EVERY_MS = 100;
const PRINTED_EVERY_MS = 1000;
const INIT_LABEL = 'Init';
const MAX_LEFT = 30;

/** What the run is doing before its scenarios start, as k6's first progress line says it. */
type RunPhase = 'init' | 'setup' | 'running';

let live: ProgressDisplay | undefined;

/**
 * Writes a log line to stderr. While progress is drawn live on a terminal, the line goes above the
 * bars, which are drawn again below it, as k6 keeps its bars below its log.
 */
export function writeLogLine(line: string): void {
  if (live) live.writeAbove(line);
  else process.stderr.write(line);
}

/**
 * k6's progress display on stdout: a line for the run (`running (00m02.0s), 0/4 VUs, 27 complete and 0
 * interrupted iterations`) and a bar per scenario. On a terminal it is redrawn in place every 100 ms;
 * elsewhere (a CI log, a pipe) the block is printed every second. Either way the last one is printed
 * once more at the very end, after the summary. `k6 run --quiet` shows none of it.
 */
export class ProgressDisplay {
  phase: RunPhase = 'init';
  private readonly screen: Screen;
  private readonly leftWidth: number;
  private readonly maxDurationMs: number;
  private readonly maxVus: number;
  private timer: NodeJS.Timeout | undefined;
  private lastDrawn = '';
  private stopped = false;

  constructor(
    private readonly run: RunState,
    private readonly scenarios: ScenarioRun[],
    private readonly out: NodeJS.WriteStream = process.stdout,
  ) {
    const tty = !!out.isTTY;
    this.screen = { tty, columns: out.columns || 80, color: tty && process.env.NO_COLOR === undefined };
    const configs = scenarios.map((s) => s.config);
    this.leftWidth = Math.min(MAX_LEFT, Math.max(INIT_LABEL.length, ...configs.map((c) => c.name.length)));
    this.maxDurationMs = Math.max(0, ...scenarios.map(({ config: c }) => scenarioEndMs(c)));
    this.maxVus = maxConcurrentVus(scenarios);
  }

  start(): void {
    if (this.screen.tty) live = this;
    this.timer = setInterval(() => this.draw(true), this.screen.tty ? TTY_EVERY_MS : PRINTED_EVERY_MS);
  }

  /** Writes `line` to stderr above the live display (see writeLogLine). */
  writeAbove(line: string): void {
    // Each line erases what is left of the bars it writes over, as k6's terminal writer does.
    process.stderr.write(line.replaceAll('\n', '\x1b[0K\n'));
    this.out.write(this.lastDrawn);
  }

  /** Stops drawing, and takes a live display off the terminal: what follows (the summary) goes there. */
  pause(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    if (live === this) {
      live = undefined;
      this.out.write('\r\x1b[J');
    }
  }

  /** Stops drawing and prints the display one last time, to stay (after the summary). */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.pause();
    this.draw(false);
  }

  private draw(goBack: boolean): void {
    this.screen.columns = this.out.columns || this.screen.columns;
    this.lastDrawn = renderBars(this.bars(), this.screen, goBack && this.screen.tty, this.leftWidth);
    this.out.write(this.lastDrawn);
  }

  private bars(): ProgressBar[] {
    return [this.runBar(), ...this.scenarios.map((s) => s.bar.draw())];
  }

  /** k6's first line: the VUs' initialisation, setup(), then the run's own counters. */
  private runBar(): ProgressBar {
    const run = this.run;
    if (this.phase === 'init') {
      const planned = this.scenarios.reduce((n, s) => n + s.share.plannedVus, 0);
      const ready = Math.min(planned, run.initialisedVus);
      return {
        left: INIT_LABEL,
        status: ' ',
        progress: planned ? ready / planned : 1,
        right: [`${fixedLengthInt(ready, planned)}/${planned} VUs initialized`],
      };
    }
    if (this.phase === 'setup') return { left: INIT_LABEL, status: ' ', progress: 1, right: ['setup()'] };
    const vus = (n: number) => fixedLengthInt(n, this.maxVus);
    return {
      line:
        `running (${fixedLengthDuration(run.elapsedMs(), this.maxDurationMs)}), ` +
        `${vus(run.activeVus)}/${vus(run.initialisedVus)} VUs, ` +
        `${run.completeIterations} complete and ${run.interruptedIterations} interrupted iterations`,
    };
  }
}

/** When a scenario ends at the latest, from the start of the run: after its gracefulStop. */
const scenarioEndMs = (c: ScenarioConfig) => c.startTimeMs + plannedDurationMs(c) + c.gracefulStopMs;

/** The most VUs the scenarios can have at once, where their spans (to the end of gracefulStop) overlap. */
function maxConcurrentVus(scenarios: ScenarioRun[]): number {
  return Math.max(
    0,
    ...scenarios.map(({ config: at }) =>
      scenarios
        .filter(({ config: c }) => c.startTimeMs <= at.startTimeMs && at.startTimeMs < scenarioEndMs(c))
        .reduce((n, s) => n + s.share.maxVus, 0),
    ),
  );
}
