import { createHash } from 'node:crypto';
import type { Logger } from './logger.ts';
import type { Tags } from './metrics/metric-type.ts';
import { MetricRegistry } from './metrics/registry.ts';
import type { RequestPacer } from './wire/request-pacer.ts';

export interface CheckNode {
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
export type StopReason = { kind: 'signal' } | { kind: 'abort'; message: string } | { kind: 'threshold'; metric: string };

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
  // Beyond k6: how late an arrival-rate iteration started against its schedule (coordinated omission).
  ['iteration_start_lateness', 'trend', 'time'],
  ['iterations', 'counter', 'default'],
  ['vus', 'gauge', 'default'],
  ['vus_max', 'gauge', 'default'],
];

/** What every VU of one run shares: metrics, the group/check tree, counters, the log, the stop switch. */
export class RunState {
  readonly metrics: MetricRegistry;
  readonly rootGroup = newGroup('', null);
  startedAt = performance.now();
  readonly startedAtEpochMs = Date.now();
  completeIterations = 0;
  interruptedIterations = 0;
  activeVus = 0;
  initialisedVus = 0;
  stopReason: StopReason | undefined;
  /** The consolidated options, as `exec.test.options` shows them. */
  options: Record<string, unknown> = {};
  /** k6's `rps` limit for this thread's requests, when the options set one. */
  pacer: RequestPacer | undefined;
  private readonly stopListeners = new Set<() => void>();

  constructor(
    readonly log: Logger,
    readonly runTags: Tags,
    metrics = new MetricRegistry(),
  ) {
    this.metrics = metrics;
    for (const [name, type, contains] of BUILTINS) this.metrics.define(name, type, contains);
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
    return performance.now() - this.startedAt;
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
