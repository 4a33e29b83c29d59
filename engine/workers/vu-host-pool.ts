import { MessageChannel, Worker } from 'node:worker_threads';
import { nodeBundle } from '../../build/node-bundles.mjs';
import type { Tags } from '../metrics/metric-type.ts';
import { ConnectionPool } from '../wire/connection-pool.ts';
import { sendOnWire } from '../wire/send-on-wire.ts';
import type { WireRequest, WireResponse } from '../wire/wire-types.ts';
import type { RunState } from '../run-state.ts';
import type { ScenarioProgress } from '../vu-state.ts';
import { VuInitError } from '../errors.ts';
import { describeError } from '../script-error.ts';
import type { Vu } from '../vu.ts';
import type { FromHost, HostInit, ToHost } from './host-protocol.ts';
import { SampleDecoder, type SampleBatch } from './sample-batch.ts';

let entry: string | undefined;

/**
 * The host thread's code as one plain file (build/node-bundles.mjs): worker threads then start without
 * a TypeScript loader, quickly and small (one per VU when a script blocks).
 */
export async function prepareHostEntry(): Promise<void> {
  entry ??= await nodeBundle('vu-host');
}

function hostEntry(): string {
  if (!entry) throw new Error('the VU host bundle is built before any host thread starts (prepareHostEntry)');
  return entry;
}

type HostOptions = Omit<HostInit, 'blocking' | 'runShared'>;

/** A VU living on a host thread. */
class RemoteVu implements Vu {
  abandoned = false;
  readonly ready: Promise<void>;
  markReady!: () => void;
  failReady!: (error: VuInitError) => void;

  constructor(
    readonly id: number,
    readonly tags: Tags,
    private readonly host: VuHost,
  ) {
    this.ready = new Promise((resolve, reject) => {
      this.markReady = resolve;
      this.failReady = reject;
    });
  }

  iterate(exec: string, _data: unknown, inInstance: number, inTest: number, onEnd: () => void): void {
    this.host.iterate(this, exec, inInstance, inTest).then(onEnd, onEnd);
  }
}

/** Main-thread side of one host thread: creates its VUs, runs their iterations, merges their samples. */
export class VuHost {
  private readonly worker: Worker;
  private readonly decoder: SampleDecoder;
  private readonly waiting = new Map<number, (message: FromHost) => void>();
  private readonly remote = new Map<number, RemoteVu>();
  private closeWire: (() => void) | undefined;

  constructor(
    private readonly run: RunState,
    options: HostOptions,
    blocking: boolean,
  ) {
    this.decoder = new SampleDecoder(run);
    const init: HostInit = { ...options, runShared: run.shared };
    const transferList = [];
    if (blocking) {
      const { port1, port2 } = new MessageChannel();
      const flag = new SharedArrayBuffer(4);
      init.blocking = { flag, port: port2 };
      transferList.push(port2);
      this.serveWire(port1, new Int32Array(flag));
      this.closeWire = () => port1.close();
    }
    this.worker = new Worker(hostEntry(), { workerData: init, transferList });
    this.worker.on('message', (m: FromHost) => this.receive(m));
    this.worker.on('error', (error) => {
      run.log('error', `a VU thread failed: ${describeError(error)}`);
      for (const [vu, resolve] of this.waiting) resolve({ type: 'done', vu, completed: false, batches: [] });
      this.waiting.clear();
      for (const vu of this.remote.values()) vu.markReady();
    });
  }

  /** Sends a blocked VU's requests on this thread's event loop and wakes the VU with the answers. */
  private serveWire(port: MessageChannel['port1'], flag: Int32Array): void {
    // The thread's one VU keeps its connections here, where its requests are sent.
    const pool = new ConnectionPool(this.run);
    port.on('message', async (requests: (Omit<WireRequest, 'url'> & { url: string })[]) => {
      const answers = await Promise.all(
        requests.map(async (r) => {
          await this.run.pacer?.slot();
          return new Promise<WireResponse>((resolve) =>
            sendOnWire({ ...r, url: new URL(r.url), body: toBody(r.body) }, pool, resolve),
          );
        }),
      );
      port.postMessage(answers);
      Atomics.store(flag, 0, 1);
      Atomics.notify(flag, 0);
    });
  }

  private applyBatches(batches: SampleBatch[]): void {
    if (this.run.metrics.frozen) return;
    for (const b of batches) this.decoder.apply(b);
  }

  private receive(m: FromHost): void {
    switch (m.type) {
      case 'batch':
        this.applyBatches(m.batches);
        return;
      case 'log':
        this.run.log(m.level, m.msg, m.fields);
        return;
      case 'abort':
        this.run.stop({ kind: 'abort', message: m.message });
        return;
      case 'created': {
        const vu = this.remote.get(m.vu);
        if (m.error) vu?.failReady(new VuInitError(m.vu, m.error));
        else vu?.markReady();
        return;
      }
      case 'done':
      case 'result': {
        this.applyBatches(m.batches);
        const resolve = this.waiting.get(m.vu);
        this.waiting.delete(m.vu);
        resolve?.(m);
      }
    }
  }

  private request(message: ToHost & { vu: number }): Promise<FromHost> {
    return new Promise((resolve) => {
      this.waiting.set(message.vu, resolve);
      this.worker.postMessage(message);
    });
  }

  createVu(id: number, scenario: ScenarioProgress | undefined, idInTest = id): Vu {
    const message: ToHost = {
      type: 'create',
      vu: id,
      idInTest,
      scenario: scenario ? { config: scenario.config, startedAtEpochMs: scenario.startedAtEpochMs } : undefined,
    };
    this.worker.postMessage(message);
    const tags = scenario
      ? { ...this.run.runTags, scenario: scenario.config.name, ...scenario.config.tags }
      : { ...this.run.runTags };
    const vu = new RemoteVu(id, tags, this);
    this.remote.set(id, vu);
    return vu;
  }

  async iterate(vu: RemoteVu, exec: string, inInstance: number, inTest: number): Promise<void> {
    const answer = await this.request({ type: 'iterate', vu: vu.id, exec, inInstance, inTest });
    // Counted here, not on the host: the main thread owns the shared counters, and a VU it cut off
    // (abandoned) was counted as interrupted then.
    if (vu.abandoned || this.run.metrics.frozen || answer.type !== 'done') return;
    this.run.iterationEnded(answer.completed);
  }

  setData(data: unknown): void {
    this.worker.postMessage({ type: 'data', data } satisfies ToHost);
  }

  /** Runs setup() or teardown() on this host's VU 0. */
  async call(fn: 'setup' | 'teardown', arg?: unknown): Promise<{ value?: unknown; error?: string; aborted?: boolean }> {
    const answer = await this.request({ type: 'call', vu: 0, fn, arg });
    return answer.type === 'result' ? answer : { error: 'the VU thread stopped' };
  }

  async close(): Promise<void> {
    this.closeWire?.();
    await this.worker.terminate();
  }
}

function toBody(body: WireRequest['body'] | Uint8Array): WireRequest['body'] {
  if (body instanceof Uint8Array && !Buffer.isBuffer(body))
    return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  return body;
}
