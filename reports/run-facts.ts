import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Profile } from '../lib/k6-and-node/conformance-matrix.ts';
import type { ExpectedFailure } from '../lib/k6-and-node/expected-failures.ts';
import type { FindMaxResult, LoadShape, RunnerRow } from './run-summary.ts';

// What the runner knew about a run (no secrets): raw/run.json, so `auth0-harness report` can rebuild
// every output from the raw folder alone.

export interface RunFacts {
  suite: string;
  target: string;
  engine: string;
  profile: Profile;
  startedAt: Date;
  durationMs: number;
  incomplete?: string;
  /** Failures a team accepted (--expected-failures): they do not fail the run and stay visible. */
  expectedFailures?: ExpectedFailure[];
  /** The load applied, when the runner knows it; otherwise the scenario's raw/load-shape.json. */
  loadShape?: LoadShape | null;
  findMax?: FindMaxResult[];
  /** One runner of a split run: its k6 execution segment (`--execution-segment`), e.g. `1/3:2/3`. */
  segment?: string;
  /** A merged run: the runners it merges. */
  runners?: RunnerRow[];
}

export const RAW_RUN_FILE = 'run.json';

export function writeRunFacts(rawDir: string, facts: RunFacts): void {
  writeFileSync(
    path.join(rawDir, RAW_RUN_FILE),
    `${JSON.stringify({ ...facts, startedAt: facts.startedAt.toISOString() }, null, 2)}\n`,
  );
}

export function readRunFacts(rawDir: string): RunFacts | undefined {
  const file = path.join(rawDir, RAW_RUN_FILE);
  if (!existsSync(file)) return undefined;
  const json = JSON.parse(readFileSync(file, 'utf8')) as Omit<RunFacts, 'startedAt'> & { startedAt: string };
  return { ...json, startedAt: new Date(json.startedAt) };
}
