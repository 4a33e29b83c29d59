import { createHash } from 'node:crypto';
import type { Logger } from './logger.ts';
import type { Tags } from './metrics/metric-type.ts';
import { MetricRegistry } from './metrics/registry.ts';
import type { RequestPacer } from './wire/request-pacer.ts';

interface CheckNode {
  name: string;
  path: string;
  id: string;
  passes: number;
  fails: number;
}

export interface GroupNode {
  name: string;
  path: string;
  id: string;
  groups: Map<string, GroupNode>;
  checks: Map<string, CheckNode>;
}

// k6 names groups and checks by their path and identifies them by its MD5 (the root's is MD5("")).
const md5 = (text: string): string => createHash('md5').update(text).digest('hex');

function newGroup(name: string, parentPath: string | null): GroupNode {
  const path = parentPath === null ? '' : `${parentPath}::${name}`;
  return { name, path, id: md5(path), groups: new Map(), checks: new Map() };
}

/** Why a run stopped before its schedule ended; decides the exit code. */
export type StopReason =
  | { kind: 'signal' }
  | { kind: 'abort'; message: string }
  | { kind: 'threshold'; metric: string }
  | { kind: 'vu-init'; message: string };

// k6's built-in metrics, defined before the script runs so thresholds may name them.
const BUILTINS: [string, 'counter' | 'gauge' | 'rate' | 'trend', 'default' | 'time' | 'data'][] = [
  ['checks', 'rate', 'default'],
  ['data_received', 'counter', 'data'],
  ['data_sent', 'counter', 'data'],
  ['dropped_iterations', 'counter', 'default'],
  ['group_duration', 'trend', 'time'],
  ['http_req_blocked', 'trend', 'time'],
  ['http_req_connecting', 'trend', 'time'],
  ['http_req_duration', 'trend', 'time'],
  ['http_req_failed', 'rate', 'default'],
  ['http_req_receiving', 'trend', 'time'],
  ['http_req_sending', 'trend', 'time'],
  ['http_req_tls_handshaking', 'trend', 'time'],
  ['http_req_waiting', 'trend', 'time'],
  ['http_reqs', 'counter', 'default'],
  ['iteration_duration', 'trend', 'time'],
  ['iterations', 'counter', 'default'],
  ['vus', 'gauge', 'default'],
  ['vus_max', 'gauge', 'default'],
];

// The run's clock and the counters `exec.instance` shows live in memory shared with the VU host threads,
// so that a VU there reads the run's values rather than its own thread's. The main thread alone writes
// them (it hears of every iteration's end, wherever it ran): a plain store suffices for its per-iteration
// bumps, and readers use Atomics.load so that a host never keeps a stale copy. The start is written
// before any host thread starts, so it needs no Atomics (which have none for Float64 anyway).
const START_EPOCH_BYTES = Float64Array.BYTES_PER_ELEMENT;
const COMPLETE = 0;
const INTERRUPTED = 1;
const ACTIVE = 2;
const INITIALISED = 3;
const SHARED_BYTES = START_EPOCH_BYTES + 4 * Int32Array.BYTES_PER_ELEMENT;

/** The epoch in ms, sub-millisecond: comparable across threads, unlike each thread's performance.now(). */
const epochNow = (): number => performance.timeOrigin + performance.now();

/** What every VU of one run shares: metrics, the group/check tree, counters, the log, the stop switch. */
export class RunState {
  readonly metrics: MetricRegistry;
  readonly rootGroup = newGroup('', null);
  readonly startedAtEpochMs = Date.now();
  /** The run's clock and counters, for a VU host thread to read (see HostInit). */
  readonly shared: SharedArrayBuffer;
  private readonly startEpoch: Float64Array;
  private readonly counters: Int32Array;
  stopReason: StopReason | undefined;
  /** The consolidated options, as `exec.test.options` shows them. */
  options: Record<string, unknown> = {};
  /** k6's `rps` limit for this thread's requests, when the options set one. */
  pacer: RequestPacer | undefined;
  private readonly stopListeners = new Set<() => void>();

  /** `shared` is given on a host thread: the main thread's clock and counters. */
  constructor(
    readonly log: Logger,
    readonly runTags: Tags,
    metrics = new MetricRegistry(),
    shared?: SharedArrayBuffer,
  ) {
    this.metrics = metrics;
    for (const [name, type, contains] of BUILTINS) this.metrics.define(name, type, contains);
    this.shared = shared ?? new SharedArrayBuffer(SHARED_BYTES);
    this.startEpoch = new Float64Array(this.shared, 0, 1);
    this.counters = new Int32Array(this.shared, START_EPOCH_BYTES, 4);
    if (!shared) this.markStarted();
  }

  /** The run starts now: its duration (`currentTestRunDuration`, the summary's) counts from here. */
  markStarted(): void {
    this.startEpoch[0] = epochNow();
  }

  get completeIterations(): number {
    return Atomics.load(this.counters, COMPLETE);
  }

  get interruptedIterations(): number {
    return Atomics.load(this.counters, INTERRUPTED);
  }

  get activeVus(): number {
    return Atomics.load(this.counters, ACTIVE);
  }

  get initialisedVus(): number {
    return Atomics.load(this.counters, INITIALISED);
  }

  /** Counts an iteration that ended: `completed` false for one that threw or was cut off. */
  iterationEnded(completed: boolean): void {
    this.counters[completed ? COMPLETE : INTERRUPTED]++;
  }

  /** A VU starts (1) or stops (-1) running iterations. */
  addActiveVus(delta: 1 | -1): void {
    this.counters[ACTIVE] += delta;
  }

  vuInitialised(): void {
    this.counters[INITIALISED]++;
  }

  group(path: readonly string[]): GroupNode {
    let node = this.rootGroup;
    for (const name of path) {
      let child = node.groups.get(name);
      if (!child) {
        child = newGroup(name, node.path);
        node.groups.set(name, child);
      }
      node = child;
    }
    return node;
  }

  recordCheck(groupPath: readonly string[], name: string, ok: boolean): void {
    const group = this.group(groupPath);
    let node = group.checks.get(name);
    if (!node) {
      const path = `${group.path}::${name}`;
      node = { name, path, id: md5(path), passes: 0, fails: 0 };
      group.checks.set(name, node);
    }
    if (ok) node.passes++;
    else node.fails++;
  }

  elapsedMs(): number {
    return epochNow() - this.startEpoch[0];
  }

  get stopping(): boolean {
    return this.stopReason !== undefined;
  }

  /** Ends the run early: executors start no new iterations and give running ones their grace. */
  stop(reason: StopReason): void {
    if (this.stopReason) return;
    this.stopReason = reason;
    for (const listener of this.stopListeners) listener();
  }

  /** Calls back once when the run is asked to stop; returns the unsubscribe. */
  onStop(listener: () => void): () => void {
    if (this.stopReason) {
      listener();
      return () => {};
    }
    this.stopListeners.add(listener);
    return () => this.stopListeners.delete(listener);
  }
}
