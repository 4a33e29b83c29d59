import type { MessagePort } from 'node:worker_threads';
import type { CompiledScript } from '../load-script.ts';
import type { LogFields, LogLevel } from '../logger.ts';
import type { ScenarioConfig } from '../scenarios.ts';
import type { SampleBatch } from './sample-batch.ts';

/** What a VU host thread is started with. */
export interface HostInit {
  script: CompiledScript;
  env: Record<string, string>;
  runTags: Record<string, string>;
  options: Record<string, unknown>;
  data: unknown;
  logFormat: 'text' | 'json';
  /** How many threads share the run's VUs (each paces its share of `rps`). */
  threads: number;
  /** The main thread's RunState.shared: the run's clock and the counters `exec.instance` shows. */
  runShared: SharedArrayBuffer;
  /** Present for a host whose VU may block: the flag it waits on, and the port the wire answers arrive on. */
  blocking?: { flag: SharedArrayBuffer; port: MessagePort };
}

export interface ScenarioRef {
  config: ScenarioConfig;
  startedAtEpochMs: number;
}

/** Main thread → host. */
export type ToHost =
  | { type: 'create'; vu: number; idInTest: number; scenario?: ScenarioRef }
  | { type: 'data'; data: unknown }
  | { type: 'iterate'; vu: number; exec: string; inInstance: number; inTest: number }
  | { type: 'call'; vu: number; fn: 'setup' | 'teardown'; arg?: unknown };

/** Host → main thread. */
export type FromHost =
  | { type: 'batch'; batches: SampleBatch[] }
  | { type: 'done'; vu: number; completed: boolean; batches: SampleBatch[] }
  | { type: 'result'; vu: number; value?: unknown; error?: string; aborted?: boolean; batches: SampleBatch[] }
  | { type: 'log'; level: LogLevel; msg: string; fields?: LogFields }
  | { type: 'abort'; message: string }
  | { type: 'created'; vu: number; error?: string };
