// Test support: a real Prometheus (Debian's `prometheus` package) on loopback, receiving remote writes
// into a temporary TSDB, with its query API at hand.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const PROMETHEUS_BIN = '/usr/bin/prometheus';

export interface RunningPrometheus {
  url: string;
  /** The remote-write receiver's endpoint. */
  writeUrl: string;
  /** An instant query's vector: each series' labels and value. */
  query(promql: string): Promise<{ metric: Record<string, string>; value: number }[]>;
  close(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Polls `check` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Starts Prometheus with its remote-write receiver (and native histograms) and waits until it is ready. */
export async function startPrometheus(): Promise<RunningPrometheus> {
  if (!existsSync(PROMETHEUS_BIN))
    throw new Error(`${PROMETHEUS_BIN} is missing: install Debian's prometheus package (.ci/run does)`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'prometheus-test-'));
  const config = path.join(dir, 'prometheus.yml');
  // Nothing to scrape: every series arrives by remote write.
  writeFileSync(config, 'global: {}\n');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    PROMETHEUS_BIN,
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--web.enable-remote-write-receiver',
      '--enable-feature=native-histograms',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  child.stderr.on('data', (d) => (log += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await Promise.race([
      waitFor('Prometheus to be ready', async () => ((await fetch(`${url}/-/ready`)).ok ? true : undefined)),
      exited.then(() => Promise.reject(new Error(`Prometheus exited at start-up:\n${log}`))),
    ]);
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url,
    writeUrl: `${url}/api/v1/write`,
    async query(promql) {
      const res = await fetch(`${url}/api/v1/query?${new URLSearchParams({ query: promql })}`);
      const body = (await res.json()) as {
        status: string;
        error?: string;
        data: { result: { metric: Record<string, string>; value: [number, string] }[] };
      };
      if (body.status !== 'success') throw new Error(`${promql}: ${body.error}`);
      return body.data.result.map((r) => ({ metric: r.metric, value: Number(r.value[1]) }));
    },
    async close() {
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
