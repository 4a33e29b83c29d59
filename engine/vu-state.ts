import type { ConnectionPool } from './wire/connection-pool.ts';
import type { WireRequest, WireResponse } from './wire/wire-types.ts';
import { copyTags } from './metrics/copy-tags.ts';
import type { Tags } from './metrics/metric-type.ts';
import type { RunState } from './run-state.ts';
import type { ScenarioConfig } from './scenarios.ts';

/** Blocking operations for a VU on its own thread: the event loop that serves the wire is elsewhere. */
export interface BlockingBridge {
  sleep(ms: number): void;
  send(requests: WireRequest[]): WireResponse[];
}

/** What a running scenario shares with its VUs (k6/execution's `scenario`). */
export interface ScenarioProgress {
  config: ScenarioConfig;
  startedAtEpochMs: number;
  progress(): number;
}

/** One VU's mutable state, read by the k6 modules bound to it. */
export interface VuState {
  run: RunState;
  /** __VU, exec.vu.idInInstance: the VU's number in this instance. */
  id: number;
  /** exec.vu.idInTest: its number in the whole test, which an execution segment stripes (the same unsegmented). */
  idInTest: number;
  /** __ITER: the VU's iteration number in its current scenario. */
  iteration: number;
  /** The scenario-wide number of the running iteration in this instance (exec.scenario.iterationInInstance)… */
  scenarioIterationInInstance: number;
  /** …and in the whole test (exec.scenario.iterationInTest). */
  scenarioIterationInTest: number;
  scenario: ScenarioProgress | undefined;
  groupPath: string[];
  /** Tags every sample of this VU carries: run tags, `scenario`, scenario tags, exec.vu.tags. */
  tags: Tags;
  /** True while the init code runs: open() and metric construction are allowed only then. */
  initPhase: boolean;
  /** __ENV: the run's during init; with the scenario's `env` over it once the VU runs the scenario. */
  env: Record<string, string>;
  responseCallback?: ((status: number) => boolean) | null;
  /** Present when the VU has a thread of its own, where k6's blocking calls (sleep, http.get…) may block. */
  blocking?: BlockingBridge;
  /** The VU's kept-alive connections, once its script uses k6/http. */
  connections?: ConnectionPool;
  /** Set when the VU's running iteration was cut off (gracefulStop, gracefulRampDown): it no longer counts. */
  abandoned?: boolean;
  /** Bytes the VU's requests wrote and read since its last iteration (or setup, teardown) ended. */
  bytesSent: number;
  bytesReceived: number;
}

function groupTag(vu: VuState): string {
  return vu.groupPath.length ? `::${vu.groupPath.join('::')}` : '';
}

/**
 * Records what the VU sent and received since the last call, as k6 does when an iteration, setup() or
 * teardown() ends (it counts bytes on the VU's connections, not per request): data_sent and
 * data_received get a sample every time, 0 for a script that made no request.
 */
export function recordBytesTransferred(vu: VuState, tags: Tags): void {
  const metrics = vu.run.metrics;
  metrics.add('data_sent', vu.bytesSent, tags);
  metrics.add('data_received', vu.bytesReceived, tags);
  vu.bytesSent = vu.bytesReceived = 0;
}

/** The tags of a sample taken now by this VU, with the current group. */
export function sampleTags(vu: VuState, extra?: Tags): Tags {
  const tags = copyTags(vu.tags);
  tags.group = groupTag(vu);
  if (extra) for (const key in extra) tags[key] = extra[key];
  return tags;
}
