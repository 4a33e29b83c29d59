// The engine against its peers, measured in one run on this machine:
//   1. requests/s: the engine vs autocannon, equal connections, the same loopback endpoint, taken in
//      turns (against an endpoint cheaper than either client, then against node:http) and both at once;
//   2. peak resident memory per VU at 1,000 VUs running a one-request-a-second script;
//   3. latency truth: against a server that sleeps 20 ms, the engine's p50 vs the server's own clock,
//      beside the same for bare sockets (the floor any client has on this machine).
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'auth0-harness.js');
const work = mkdtempSync(path.join(os.tmpdir(), 'engine-bench-'));

const CONNECTIONS = 50;
const THROUGHPUT_SECONDS = 6;
const MEMORY_VUS = 1000;
const MEMORY_SECONDS = 12;
const SLEEP_MS = 20;

interface Server {
  url: string;
  child: ChildProcess;
  /** Resolves at the next request for /started (the JSON endpoint only). */
  started(): Promise<void>;
  /** Stops the server; the JSON endpoint reports the p50 of its answers to `?sleep`, each its count. */
  stop(): Promise<{ p50: number | null; n: number }>;
}

/** Starts one of bench/servers/ in a process of its own, so that no client shares its event loop. */
function startServer(endpoint: 'json-endpoint' | 'minimal-endpoint'): Promise<Server> {
  const child = spawn(process.execPath, [path.join(root, 'bench', 'servers', `${endpoint}.mjs`)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let buffer = '';
  const lines: ((line: string) => void)[] = [];
  const starts: (() => void)[] = [];
  child.stdout!.on('data', (d) => {
    buffer += d;
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      if (JSON.parse(line).started) starts.shift()?.();
      else lines.shift()?.(line);
    }
  });
  const nextLine = () => new Promise<string>((resolve) => lines.push(resolve));
  return nextLine().then((line) => ({
    url: `http://127.0.0.1:${JSON.parse(line).port}`,
    child,
    started: () => new Promise<void>((resolve) => starts.push(resolve)),
    stop: async () => {
      const result = nextLine();
      child.kill('SIGTERM');
      return JSON.parse(await result);
    },
  }));
}

const CLOCK_TICKS_PER_SECOND = 100;

/** A process's CPU time so far (utime + stime from /proc), in ms. */
function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(stat[11]) + Number(stat[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** The process `auth0-harness k6 run` starts for the engine (the launcher's child), once it exists. */
function engineProcess(launcher: number): number | undefined {
  try {
    const children = readFileSync(`/proc/${launcher}/task/${launcher}/children`, 'utf8').trim();
    return children ? Number(children.split(' ')[0]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Runs a script with `auth0-harness k6 run`: its summary, and the engine process's peak RSS (KB) and
 * CPU time (ms). The launcher (the harness CLI, which starts the engine process and waits) is not the
 * engine and is left out; its own peak is reported beside.
 */
async function runEngine(
  name: string,
  script: string,
): Promise<{ summary: any; peakRssKb: number; cpuMs: number; launcherRssKb: number }> {
  const file = path.join(work, `${name}.js`);
  const summaryFile = path.join(work, `${name}-summary.json`);
  writeFileSync(
    file,
    `${script}\nexport function handleSummary(data) { return { '${summaryFile}': JSON.stringify(data) }; }\n`,
  );
  const child = spawn(process.execPath, [bin, 'k6', 'run', '--quiet', '--log-format', 'json', file], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  let peakRssKb = 0;
  let launcherRssKb = 0;
  let cpuMs = 0;
  let engine: number | undefined;
  const hwm = (pid: number | undefined) =>
    Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  // VmHWM is the kernel's own high-water mark of a process's resident memory; utime + stime its CPU.
  const poll = setInterval(() => {
    try {
      launcherRssKb = Math.max(launcherRssKb, hwm(child.pid));
      engine ??= engineProcess(child.pid as number);
      if (engine === undefined) return;
      peakRssKb = Math.max(peakRssKb, hwm(engine));
      cpuMs = processCpuMs(engine);
    } catch {
      /* the process has just exited */
    }
  }, 50);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearInterval(poll);
  if (code !== 0) throw new Error(`engine run ${name} exited ${code}:\n${stderr}`);
  return { summary: JSON.parse(readFileSync(summaryFile, 'utf8')), peakRssKb, cpuMs, launcherRssKb };
}

// The machine's speed drifts on a shared host, by up to 2x within a minute: the two clients take
// turns, ROUNDS times, with the first to run alternating (ABBA) so that a drift favours neither. Two
// figures are printed per endpoint: the median of each round's engine/autocannon ratio (the two runs of
// a round share the machine's mood), and the best engine run against the best autocannon run.
const ROUNDS = 6;

/** One client's run against an endpoint. */
interface ClientRun {
  rps: number;
  /** The client's CPU per request (user + system), µs. */
  cpuUs: number;
  /** The server's CPU time over the run's time: near 100 %, the server, not the client, set the rate. */
  serverBusy: number;
  failures: string;
}

interface Round {
  cannon: ClientRun;
  engine: ClientRun;
}

const percent = (share: number) => `${Math.round(share * 100)} %`;

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * autocannon's requests/s and CPU per request, from a process of its own session. The engine process
 * is started detached (its own session), and Linux's autogroup scheduling shares the CPUs between
 * sessions: run from this process, autocannon would share one session's part with the server while
 * the engine had a part to itself.
 */
async function cannonInItsOwnSession(
  url: string,
  connections: number,
  seconds: number,
): Promise<{ rps: number; cpu: number; errors: number; seconds: number }> {
  const entry = pathToFileURL(createRequire(import.meta.url).resolve('autocannon')).href;
  const code = `const { default: autocannon } = await import(${JSON.stringify(entry)});
const before = process.cpuUsage();
const r = await autocannon({ url: ${JSON.stringify(url)}, connections: ${connections}, duration: ${seconds} });
const cpu = process.cpuUsage(before);
process.stdout.write(JSON.stringify({ rps: r.requests.total / r.duration, cpu: (cpu.user + cpu.system) / r.requests.total, errors: r.errors, seconds: r.duration }));`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], {
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (status !== 0) throw new Error(`autocannon exited ${status}`);
  return JSON.parse(out);
}

const throughputScript = (url: string, vus: number) => `import http from 'k6/http';
export const options = { scenarios: { s: { executor: 'constant-vus', vus: ${vus}, duration: '${THROUGHPUT_SECONDS}s' } } };
export default async function () { await http.asyncRequest('GET', '${url}/'); }`;

async function cannonRun(server: Server): Promise<ClientRun> {
  const serverBefore = processCpuMs(server.child.pid as number);
  const cannon = await cannonInItsOwnSession(`${server.url}/`, CONNECTIONS, THROUGHPUT_SECONDS);
  // The server idles while autocannon starts and stops: its busy share is taken over the run alone.
  const serverBusy = (processCpuMs(server.child.pid as number) - serverBefore) / (cannon.seconds * 1000);
  return { rps: cannon.rps, cpuUs: cannon.cpu, serverBusy, failures: `${cannon.errors} errors` };
}

/** `idleCpuMs`: the engine's CPU for a run that sends nothing (start-up and shutdown), left out. */
async function engineRun(server: Server, idleCpuMs: number): Promise<ClientRun> {
  const serverBefore = processCpuMs(server.child.pid as number);
  const { summary, cpuMs } = await runEngine('throughput', throughputScript(server.url, CONNECTIONS));
  const serverBusy = (processCpuMs(server.child.pid as number) - serverBefore) / summary.state.testRunDurationMs;
  const { http_reqs: reqs, http_req_failed: failed } = summary.metrics;
  return {
    rps: reqs.values.rate,
    cpuUs: ((cpuMs - idleCpuMs) * 1000) / reqs.values.count,
    serverBusy,
    failures: `${(failed.values.rate * 100).toFixed(2)} % failed`,
  };
}

async function takeTurns(server: Server, idleCpuMs: number): Promise<Round[]> {
  const rounds: Round[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    if (round % 2 === 0) {
      const cannon = await cannonRun(server);
      rounds.push({ cannon, engine: await engineRun(server, idleCpuMs) });
    } else {
      const engine = await engineRun(server, idleCpuMs);
      rounds.push({ engine, cannon: await cannonRun(server) });
    }
  }
  return rounds;
}

function describeTurns(rounds: Round[], goal: string): string {
  const run = (r: ClientRun) =>
    `${r.rps.toFixed(0)} req/s (${r.failures}, ${r.cpuUs.toFixed(0)} µs CPU per request, server ${percent(r.serverBusy)} busy)`;
  const lines = rounds.map(
    ({ cannon, engine }, i) =>
      `    round ${i + 1}${i % 2 ? ' (engine first)' : ''}: autocannon ${run(cannon)}; engine ${run(engine)}; ratio ${(engine.rps / cannon.rps).toFixed(2)}`,
  );
  const ratio = median(rounds.map((r) => r.engine.rps / r.cannon.rps));
  const best = Math.max(...rounds.map((r) => r.engine.rps)) / Math.max(...rounds.map((r) => r.cannon.rps));
  const cpu = median(rounds.map((r) => r.cannon.cpuUs / r.engine.cpuUs));
  return (
    `${lines.join('\n')}\n` +
    `    ratio  ${ratio.toFixed(2)}x, median of the rounds' engine/autocannon requests/s${goal}; best run to best run ${best.toFixed(2)}x\n` +
    `    CPU    autocannon's CPU per request / the engine's: ${cpu.toFixed(2)} (median of the rounds; the engine's start-up left out)\n`
  );
}

/**
 * Both at once, half the connections each: the two clients share every moment of the machine, so no
 * drift can favour either. autocannon starts when the engine's test does (its setup() announces it to
 * the server) and runs as long. Each has the endpoint to itself for the moment the other takes to
 * start (autocannon's start-up) or to stop (the engine's last iterations), about a tenth of a second.
 */
async function bothAtOnce(server: Server, idleCpuMs: number): Promise<{ ratio: number; cpu: number }[]> {
  const together: { ratio: number; cpu: number }[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const started = server.started();
    const engineRun = runEngine(
      'together',
      `${throughputScript(server.url, CONNECTIONS / 2)}\nexport async function setup() { await http.asyncRequest('GET', '${server.url}/started'); }`,
    );
    await started;
    const cannon = await cannonInItsOwnSession(`${server.url}/`, CONNECTIONS / 2, THROUGHPUT_SECONDS);
    const engine = await engineRun;
    const engineCpu = ((engine.cpuMs - idleCpuMs) * 1000) / engine.summary.metrics.http_reqs.values.count;
    together.push({ ratio: engine.summary.metrics.http_reqs.values.rate / cannon.rps, cpu: cannon.cpu / engineCpu });
  }
  return together;
}

/**
 * A ratio of requests/s compares the clients only where a client sets the rate. Against the minimal
 * endpoint the server costs less per request than either client, so it does; node:http costs more
 * than either, is near 100 % busy under both and gives both its own rate. Both are run: the first is
 * the clients' comparison (the goal), the second shows what a real server leaves of it.
 */
async function throughput(): Promise<void> {
  const idle = await runEngine(
    'idle',
    `export const options = { iterations: 1 };\nexport default async function () {}`,
  );
  const minimal = await startServer('minimal-endpoint');
  const clientBound = await takeTurns(minimal, idle.cpuMs);
  await minimal.stop();
  const json = await startServer('json-endpoint');
  const serverBound = await takeTurns(json, idle.cpuMs);
  const together = await bothAtOnce(json, idle.cpuMs);
  await json.stop();
  const list = (values: number[]) => values.map((v) => v.toFixed(2)).join(', ');
  process.stdout.write(
    `throughput, ${CONNECTIONS} connections, ${THROUGHPUT_SECONDS} s each (load average now ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} CPUs):\n` +
      `  minimal endpoint (bench/servers/minimal-endpoint.mjs: one fixed answer per request head, cheaper than either client)\n` +
      describeTurns(clientBound, ' (goal >= 1.0x)') +
      `  node:http endpoint (bench/servers/json-endpoint.mjs: near 100 % busy under either client, it sets both their rates)\n` +
      describeTurns(serverBound, '') +
      `  together   ${median(together.map((t) => t.ratio)).toFixed(2)}x, median of ${ROUNDS} runs of both at once on the node:http endpoint, ${CONNECTIONS / 2} connections each (${list(together.map((t) => t.ratio))});\n` +
      `             CPU per request in the same moments, autocannon's / the engine's: ${median(together.map((t) => t.cpu)).toFixed(2)} (${list(together.map((t) => t.cpu))})\n`,
  );
}

async function memory(): Promise<void> {
  const server = await startServer('json-endpoint');
  const script = (vus: number) => `import http from 'k6/http';
const wait = (ms) => new Promise((r) => setTimeout(r, ms));
export const options = { scenarios: { s: { executor: 'constant-vus', vus: ${vus}, duration: '${MEMORY_SECONDS}s' } } };
export default async function () { await http.asyncRequest('GET', '${server.url}/'); await wait(1000); }`;
  const one = await runEngine('memory-1', script(1));
  const many = await runEngine('memory-1000', script(MEMORY_VUS));
  await server.stop();
  const perVu = many.peakRssKb / MEMORY_VUS;
  const marginal = (many.peakRssKb - one.peakRssKb) / (MEMORY_VUS - 1);
  process.stdout.write(
    `memory, ${MEMORY_VUS} VUs, one request a second for ${MEMORY_SECONDS} s (${many.summary.metrics.http_reqs.values.count} requests):\n` +
      `  peak RSS of the engine process ${(many.peakRssKb / 1024).toFixed(1)} MB; the same script with 1 VU ${(one.peakRssKb / 1024).toFixed(1)} MB\n` +
      `  (the harness CLI that launched it, idle meanwhile: ${(many.launcherRssKb / 1024).toFixed(1)} MB)\n` +
      `  per VU   ${perVu.toFixed(0)} KB (peak RSS / VUs; goal <= 123 KB, real k6 ~246 KB)\n` +
      `  marginal ${marginal.toFixed(0)} KB per added VU\n`,
  );
}

/**
 * The floor under any client's latency here: bare sockets that write a request and time it to the
 * read that completes the answer, `connections` at a time for `seconds`. Its p50 over the server's own
 * shows what loopback and this machine's wake-ups add to every client, the engine included.
 */
async function bareSocketP50(url: string, connections: number, seconds: number): Promise<number> {
  const { hostname, port, pathname, search } = new URL(url);
  const request = Buffer.from(`GET ${pathname}${search} HTTP/1.1\r\nHost: ${hostname}:${port}\r\n\r\n`);
  const times: number[] = [];
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from(
      { length: connections },
      () =>
        new Promise<void>((resolve, reject) => {
          const socket = net.connect(Number(port), hostname);
          socket.setNoDelay(true);
          let sentAt = 0;
          let answer = '';
          const send = () => {
            if (performance.now() >= until) return void socket.end(resolve);
            sentAt = performance.now();
            socket.write(request);
          };
          socket.on('connect', send);
          socket.on('error', reject);
          socket.on('data', (chunk) => {
            answer += chunk.toString('latin1');
            // The bench server's answer ends with its one fixed body.
            if (!answer.endsWith('{"ok":true}')) return;
            times.push(performance.now() - sentAt);
            answer = '';
            send();
          });
        }),
    ),
  );
  return median(times);
}

async function latencyTruth(): Promise<void> {
  const server = await startServer('json-endpoint');
  const { summary } = await runEngine(
    'latency',
    `import http from 'k6/http';
export const options = { scenarios: { s: { executor: 'constant-vus', vus: 10, duration: '5s' } } };
export default async function () { await http.asyncRequest('GET', '${server.url}/?sleep=${SLEEP_MS}'); }`,
  );
  const truth = await server.stop();
  const cannon = await (async () => {
    const s = await startServer('json-endpoint');
    const r = await autocannon({ url: `${s.url}/?sleep=${SLEEP_MS}`, connections: 10, duration: 5 });
    await s.stop();
    return r;
  })();
  const bare = await (async () => {
    const s = await startServer('json-endpoint');
    const p50 = await bareSocketP50(`${s.url}/?sleep=${SLEEP_MS}`, 10, 5);
    return { p50, truth: await s.stop() };
  })();
  const p50 = summary.metrics.http_req_duration.values.med;
  process.stdout.write(
    `latency truth, server sleeping ${SLEEP_MS} ms, 10 VUs for 5 s:\n` +
      `  server-side p50 ${truth.p50?.toFixed(3)} ms over ${truth.n} requests\n` +
      `  engine p50      ${p50.toFixed(3)} ms (off by ${(p50 - (truth.p50 ?? 0)).toFixed(3)} ms; goal within 1 ms)\n` +
      `  bare sockets    off by ${(bare.p50 - (bare.truth.p50 ?? 0)).toFixed(3)} ms (their own run: what loopback and wake-ups add to any client)\n` +
      `  autocannon p50  ${cannon.latency.p50} ms (whole milliseconds)\n`,
  );
}

await throughput();
await memory();
await latencyTruth();
