import type { BarStatus, ProgressBar } from './progress-bars.ts';
import { fixedLengthDuration } from './go-durations.ts';

/** How far a scenario is (0–1) and the right-hand columns of its bar, as its executor in k6 shows them. */
export interface BarState {
  progress: number;
  right: string[];
}

/**
 * A scenario's progress bar through its life, as k6 keeps it: without progress until it starts (or
 * `•` with the time left while it waits for its startTime), then what its executor describes; `↓`
 * once its time is up while iterations finish, and at its end `✓`, or `✗` when it was cut short.
 */
export class ScenarioBar {
  private status: BarStatus = ' ';
  private frozen: BarState | undefined;
  private state: () => BarState = () => ({ progress: 0, right: [] });

  constructor(private readonly name: string) {}

  /** Waiting for its startTime, from `since` (performance.now()). */
  waiting(startTimeMs: number, since: number): void {
    this.status = '•';
    this.state = () => ({
      progress: 0,
      right: ['waiting', fixedLengthDuration(Math.max(0, startTimeMs - (performance.now() - since)), startTimeMs)],
    });
  }

  /** Running: its executor describes its progress from now on. */
  running(describe: () => BarState): void {
    this.status = ' ';
    this.state = describe;
  }

  /** Its time is up: the bar keeps what it showed then while running iterations finish. */
  stopping(): void {
    this.frozen = this.state();
    this.status = '↓';
  }

  /** Ended: done when it got through all it was to do and the run was not stopped, else interrupted. */
  ended(runStopped: boolean): void {
    this.frozen = this.state();
    this.status = runStopped || this.frozen.progress < 1 ? '✗' : '✓';
  }

  draw(): ProgressBar {
    const { progress, right } = this.frozen ?? this.state();
    return { left: this.name, status: this.status, progress, right };
  }
}
