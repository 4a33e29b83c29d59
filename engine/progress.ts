import type CliProgress from 'cli-progress';
import { createRequire } from 'node:module';
import type { RunState } from './run-state.ts';
import { plannedDurationMs, type ScenarioConfig } from './scenarios.ts';

const pad2 = (n: number) => String(Math.floor(n)).padStart(2, '0');

/** k6's `running (00m02.0s)` clock. */
export function runningClock(ms: number): string {
  const seconds = ms / 1000;
  return `${pad2(seconds / 60)}m${(seconds % 60).toFixed(1).padStart(4, '0')}s`;
}

/** The line k6 prints under its progress bars, and at the end of the text summary. */
export function runningLine(run: RunState): string {
  return `running (${runningClock(run.elapsedMs())}), ${run.activeVus}/${run.initialisedVus} VUs, ${run.completeIterations} complete and ${run.interruptedIterations} interrupted iterations`;
}

/** A live progress display on a terminal, one bar per scenario, as `k6 run` shows. */
export function startProgress(run: RunState, scenarios: ScenarioConfig[]): () => void {
  // Loaded only for a terminal: it costs the engine process 6 MB of resident memory.
  const cliProgress: typeof CliProgress = createRequire(import.meta.url)('cli-progress');
  const bars = new cliProgress.MultiBar(
    {
      format: '{scenario} [{bar}] {percentage}% {detail}',
      barsize: 40,
      hideCursor: true,
      clearOnComplete: false,
      stream: process.stderr,
    },
    cliProgress.Presets.shades_classic,
  );
  const status = bars.create(1, 0, { scenario: '', detail: '' }, { format: '{detail}' });
  const width = Math.max(...scenarios.map((s) => s.name.length));
  const perScenario = scenarios.map((s) => ({
    s,
    bar: bars.create(100, 0, { scenario: s.name.padEnd(width), detail: '' }),
  }));
  const tick = () => {
    const elapsed = run.elapsedMs();
    status.update(0, { detail: runningLine(run) });
    for (const { s, bar } of perScenario) {
      const total = s.startTimeMs + plannedDurationMs(s);
      const done = Math.max(0, Math.min(1, (elapsed - s.startTimeMs) / (total - s.startTimeMs || 1)));
      bar.update(Math.round(done * 100), {
        detail: `${s.executor} ${runningClock(Math.max(0, elapsed - s.startTimeMs))}`,
      });
    }
  };
  const timer = setInterval(tick, 200);
  return () => {
    clearInterval(timer);
    tick();
    bars.stop();
  };
}
