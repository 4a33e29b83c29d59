// Whether an engine run completed, and if not, why: the `incomplete` of summary.json.

// k6 logs this (level error) when a threshold with abortOnFail stops the test; exit code 99 alone
// cannot tell an aborted run from a completed one whose thresholds were crossed.
const ABORT_ON_FAIL = /abortOnFail enabled, stopping test prematurely/;

/** The abortOnFail message, when a log line is one. */
export function abortOnFailMessage(logLine: string): string | undefined {
  return ABORT_ON_FAIL.test(logLine) ? logLine : undefined;
}

export interface EngineEnd {
  exitCode: number | null;
  /** The signal that ended the engine process, when one did (exitCode is then null). */
  killedBy?: NodeJS.Signals | null;
  /** "k6" or "local engine". */
  engineName: string;
  /** What interrupted the runner while the engine ran (cli/interruption.ts): `SIGINT`, … */
  interruptedBy?: string;
  abortedByThreshold?: string;
}

/** Why the run is incomplete, or undefined when it ran to its end. */
export function incompleteReason(end: EngineEnd): string | undefined {
  if (end.interruptedBy) return `interrupted by ${end.interruptedBy}; the results cover what was measured until then`;
  if (end.abortedByThreshold) return `a threshold with abortOnFail stopped the run: ${end.abortedByThreshold}`;
  if (end.killedBy) return `the ${end.engineName} process was killed by ${end.killedBy}`;
  // 0 and 99 (thresholds crossed) are completed runs; anything else did not run to the end.
  if (end.exitCode !== 0 && end.exitCode !== 99)
    return `the ${end.engineName} run ended with exit code ${end.exitCode}`;
  return undefined;
}
