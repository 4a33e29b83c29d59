import { onInterruption, type Interruption } from './interruption.ts';

interface EngineChild {
  pid?: number;
  kill(signal: NodeJS.Signals): boolean;
}

// After a SIGHUP the terminal is gone, and a Ctrl-C may have ended the `tee` or pager the output went
// to: writing there fails (EIO, EPIPE), which must not keep the reports from being written.
const ignoreLostOutput = (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EIO' && error.code !== 'EPIPE') throw error;
};

/**
 * Ctrl-C, SIGTERM, SIGHUP or the loss of the parent while a suite runs: the engine (in its own
 * process group, so a terminal's Ctrl-C reaches it once, through us) is told to stop gracefully and
 * writes its summary; the runner stays alive to write every report, marked incomplete. A second
 * Ctrl-C is passed on too, which makes k6 stop at once, as it would on its own.
 */
export class InterruptGuard {
  /** The first interruption, if there was one. */
  interruption?: Interruption;
  // Several at once with --local-runners.
  private readonly children = new Set<EngineChild>();
  private announced = false;
  private readonly stopListening = onInterruption((interruption) => {
    if (!this.interruption)
      process.stderr.write(
        `interrupted by ${interruption.cause}: stopping the run gracefully; the reports will cover what was measured\n`,
      );
    this.interruption ??= interruption;
    for (const child of this.children) child.kill(interruption.engineSignal);
  });

  constructor() {
    process.stdout.on('error', ignoreLostOutput);
    process.stderr.on('error', ignoreLostOutput);
  }

  /** What stopped the run, for `incomplete`: undefined while nothing has. */
  get interruptedBy(): string | undefined {
    return this.interruption?.cause;
  }

  /** An engine process now running, to pass interruptions on to until it ends. */
  forwardTo(child: EngineChild): void {
    this.children.add(child);
    if (!this.announced) {
      this.announced = true;
      process.stderr.write(
        `run: started (engine pid ${child.pid}); Ctrl-C or SIGTERM stops it gracefully and the reports are still written\n`,
      );
    }
    if (this.interruption) child.kill(this.interruption.engineSignal);
  }

  /** An engine process that has ended. */
  stopForwarding(child: EngineChild): void {
    this.children.delete(child);
  }

  release(): void {
    this.stopListening();
    process.stdout.off('error', ignoreLostOutput);
    process.stderr.off('error', ignoreLostOutput);
  }
}
