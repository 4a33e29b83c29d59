import os from 'node:os';
import type { ScenarioProgress } from './vu-state.ts';
import type { ExecutionTuple } from './segments/execution-tuple.ts';
import { SegmentedIndex } from './segments/segmented-index.ts';
import { VuInitError } from './errors.ts';
import { describeError } from './script-error.ts';
import { LocalVu, type ScriptInstance, type Vu } from './vu.ts';
import type { HostInit } from './workers/host-protocol.ts';
import { VuHost } from './workers/vu-host-pool.ts';

/**
 * Where VUs live:
 * - a script that calls k6's blocking functions gets one thread per VU, where sleep() and http.get()
 *   may block without stalling other VUs (setup() and teardown() then run on a thread too);
 * - otherwise VUs share this thread's event loop, and with `threads` > 1 they are dealt round-robin
 *   between it and host threads, so that a heavy load uses more cores.
 */
export class VuSpawner {
  // As k6 numbers VUs: 1, 2, 3… in this instance (__VU), and in the whole test the numbers the segment owns.
  private readonly ids: SegmentedIndex;
  private readonly hosts: VuHost[] = [];
  private shared: VuHost[] | undefined;
  private lifecycleHost: VuHost | undefined;
  private data: unknown;

  constructor(
    private readonly local: ScriptInstance,
    private readonly hostOptions: Omit<HostInit, 'data' | 'blocking' | 'runShared'>,
    readonly blocking: boolean,
    private readonly threads: number,
    tuple: ExecutionTuple,
  ) {
    this.ids = new SegmentedIndex(tuple.stripe());
  }

  create(scenario: ScenarioProgress): Vu {
    const { local: id, global: idInTest } = this.ids.next();
    this.local.run.vuInitialised();
    if (this.blocking) {
      const host = this.host(true);
      return host.createVu(id, scenario, idInTest);
    }
    if (this.threads > 1) {
      this.shared ??= Array.from({ length: this.threads - 1 }, () => this.host(false));
      const slot = id % this.threads;
      if (slot > 0) return this.shared[slot - 1].createVu(id, scenario, idInTest);
    }
    try {
      return new LocalVu(this.local, scenario, id, idInTest);
    } catch (error) {
      throw new VuInitError(id, describeError(error));
    }
  }

  private host(blocking: boolean): VuHost {
    const host = new VuHost(this.local.run, { ...this.hostOptions, data: this.data }, blocking);
    this.hosts.push(host);
    return host;
  }

  /**
   * setup()'s data, once it has run: VUs are initialised before it, as in k6, so the host threads
   * that already exist are sent it (before any iteration, which follows on the same channel).
   */
  setData(data: unknown): void {
    this.data = data;
    for (const host of this.hosts) if (host !== this.lifecycleHost) host.setData(data);
  }

  /** setup() or teardown() on a thread of its own (for a script that blocks). */
  callOnThread(fn: 'setup' | 'teardown', arg?: unknown) {
    if (!this.lifecycleHost) {
      this.lifecycleHost = this.host(true);
      this.lifecycleHost.createVu(0, undefined);
    }
    return this.lifecycleHost.call(fn, arg);
  }

  async close(): Promise<void> {
    await Promise.all(this.hosts.map((h) => h.close()));
  }
}

// Cores `auto` leaves to the rest of the machine: the system under test (the local tenant, or a
// server in our benchmarks) usually runs beside the engine, and a load generator that takes its core
// measures its own contention rather than the server.
const CORES_LEFT_TO_THE_TARGET = 2;

/**
 * How many threads share the VUs. `auto` adds a second thread for a test of 100 VUs or more, where
 * the machine has cores to spare for it: on two cores one engine thread (some 15,000 requests a
 * second) already outruns what the other core can serve, and a second thread would cost the target
 * CPU and the engine about 25 MB.
 */
export function threadCount(requested: number | 'auto', plannedVus: number): number {
  if (requested !== 'auto') return Math.max(1, requested);
  return plannedVus >= 100 && os.availableParallelism() >= 2 + CORES_LEFT_TO_THE_TARGET ? 2 : 1;
}
