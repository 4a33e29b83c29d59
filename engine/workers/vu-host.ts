// A worker thread hosting VUs: those of a script that blocks (sleep, http.get…; one VU per thread, so
// blocking stalls nobody else) or a share of a heavy load (several async VUs, using another core).
// Samples, checks and logs go back to the main thread, which aggregates them for the whole run.
import { parentPort, receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import type { Logger } from '../logger.ts';
import { MetricRegistry } from '../metrics/registry.ts';
import { deepFreeze } from '../options.ts';
import { RequestPacer } from '../wire/request-pacer.ts';
import type { WireRequest, WireResponse } from '../wire/wire-types.ts';
import { scriptFactory } from '../load-script.ts';
import { RunState, type StopReason } from '../run-state.ts';
import { plannedDurationMs } from '../scenarios.ts';
import { vuConsole } from '../vu-console.ts';
import { TestAbort } from '../errors.ts';
import { describeError } from '../script-error.ts';
import { LocalVu, type ScriptInstance } from '../vu.ts';
import { recordBytesTransferred, sampleTags, type BlockingBridge, type ScenarioProgress } from '../vu-state.ts';
import type { FromHost, HostInit, ScenarioRef, ToHost } from './host-protocol.ts';
import { SampleEncoder } from './sample-batch.ts';

const init = workerData as HostInit;
const port = parentPort as NonNullable<typeof parentPort>;
const post = (message: FromHost) => port.postMessage(message);
const FLUSH_EVERY_MS = 100;

/**
 * This thread's view of the run: samples and checks are forwarded, not aggregated; the clock and the
 * counters are the main thread's, read from shared memory.
 */
class ForwardingRun extends RunState {
  constructor(
    log: Logger,
    private readonly encoder: SampleEncoder,
  ) {
    super(log, init.runTags, new MetricRegistry(false), init.runShared);
    this.metrics.onSample((metric, value, tags) => encoder.sample(metric.name, value, tags));
    this.metrics.onDefine = (d) => encoder.define(d);
    this.options = deepFreeze(init.options);
    // A thread sharing the load takes its share of the rps limit (a blocking VU's requests are paced where they are sent).
    if (typeof init.options.rps === 'number' && init.options.rps > 0 && !init.blocking)
      this.pacer = new RequestPacer(init.options.rps / init.threads);
  }

  override group(path: readonly string[]) {
    this.encoder.group(path);
    return super.group(path);
  }

  override recordCheck(groupPath: readonly string[], name: string, ok: boolean): void {
    this.encoder.check(groupPath, name, ok);
  }

  // The main thread counts this thread's iterations when their 'done' answers arrive; counting here
  // as well would count them twice.
  override iterationEnded(): void {}

  override stop(reason: StopReason): void {
    if (reason.kind === 'abort') post({ type: 'abort', message: reason.message });
    super.stop(reason);
  }
}

/** Blocks this thread until the main thread, whose event loop serves the wire, answers. */
class WorkerBridge implements BlockingBridge {
  private readonly flag: Int32Array;
  private readonly sleeper = new Int32Array(new SharedArrayBuffer(4));

  constructor(
    flag: SharedArrayBuffer,
    private readonly wire: MessagePort,
  ) {
    this.flag = new Int32Array(flag);
  }

  sleep(ms: number): void {
    if (ms > 0) Atomics.wait(this.sleeper, 0, 0, ms);
  }

  send(requests: WireRequest[]): WireResponse[] {
    Atomics.store(this.flag, 0, 0);
    this.wire.postMessage(requests.map((r) => ({ ...r, url: r.url.href })));
    Atomics.wait(this.flag, 0, 0);
    const answer = receiveMessageOnPort(this.wire)?.message as (WireResponse & { body: Uint8Array })[];
    return answer.map((r) => ({ ...r, body: Buffer.from(r.body.buffer, r.body.byteOffset, r.body.byteLength) }));
  }
}

const encoder = new SampleEncoder();
const log: Logger = (level, msg, fields) => post({ type: 'log', level, msg, fields });
globalThis.console = vuConsole(log);
const run = new ForwardingRun(log, encoder);
const instance: ScriptInstance = { run, script: scriptFactory(init.script), scriptDir: init.script.dir, env: init.env };
const bridge = init.blocking ? new WorkerBridge(init.blocking.flag, init.blocking.port) : undefined;
const vus = new Map<number, LocalVu>();
// setup()'s data: a thread made before setup() ran is sent it later.
let data = init.data;

function progress(ref: ScenarioRef): ScenarioProgress {
  const planned = plannedDurationMs(ref.config);
  return {
    config: ref.config,
    startedAtEpochMs: ref.startedAtEpochMs,
    progress: () => Math.min(1, planned > 0 ? (Date.now() - ref.startedAtEpochMs) / planned : 1),
  };
}

setInterval(() => {
  const batches = encoder.take();
  if (batches.length) post({ type: 'batch', batches });
}, FLUSH_EVERY_MS).unref();

port.on('message', async (message: ToHost) => {
  if (message.type === 'create') {
    try {
      const scenario = message.scenario ? progress(message.scenario) : undefined;
      const vu = new LocalVu(instance, scenario, message.vu, message.idInTest);
      vu.state.blocking = bridge;
      vus.set(message.vu, vu);
      post({ type: 'created', vu: message.vu });
    } catch (error) {
      post({ type: 'created', vu: message.vu, error: describeError(error) });
    }
    return;
  }
  if (message.type === 'data') {
    data = message.data;
    return;
  }
  const vu = vus.get(message.vu);
  if (message.type === 'iterate') {
    let completed = false;
    if (vu) {
      vu.state.scenarioIterationInInstance = message.inInstance;
      vu.state.scenarioIterationInTest = message.inTest;
      completed = await new Promise<boolean>((resolve) => vu.runIteration(message.exec, data, resolve));
    }
    post({ type: 'done', vu: message.vu, completed, batches: encoder.take() });
    return;
  }
  // setup() and teardown() of a script that blocks run here too, on VU 0.
  const fn = vu?.exports[message.fn];
  if (vu) vu.state.groupPath = [message.fn];
  const ended = () => {
    if (vu) recordBytesTransferred(vu.state, sampleTags(vu.state));
  };
  try {
    const value = typeof fn === 'function' ? await (fn as (a: unknown) => unknown)(message.arg) : undefined;
    ended();
    post({
      type: 'result',
      vu: message.vu,
      value: value === undefined ? undefined : JSON.parse(JSON.stringify(value)),
      batches: encoder.take(),
    });
  } catch (error) {
    ended();
    post({
      type: 'result',
      vu: message.vu,
      error: describeError(error),
      aborted: error instanceof TestAbort,
      batches: encoder.take(),
    });
  }
});
