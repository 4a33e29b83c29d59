// The engine against its peers, measured in one run on this machine:
//   1. requests/s: the engine vs autocannon, equal connections, the same loopback endpoint, taken in
//      turns and both at once;
//   2. peak resident memory per VU at 1,000 VUs running a one-request-a-second script;
//   3. latency truth: against a server that sleeps 20 ms, the engine's p50 vs the server's own clock,
//      beside the same for bare sockets (the floor any client has on this machine).
// The server runs in its own process so that neither client shares its event loop.
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

// A minimal JSON endpoint; `?sleep=ms` delays the answer and the server reports its own handling
// times (from request to the last byte written) on stdout when asked to stop. A request for /started
// (an engine script's setup) is announced on stdout: the engine's test begins.
const SERVER = `
const http = require('node:http');
const times = [];
const server = http.createServer((req, res) => {
  const started = process.hrtime.bigint();
  if (req.url === '/started') process.stdout.write(JSON.stringify({ started: true }) + '\\n');
  const sleep = Number(new URL(req.url, 'http://x').searchParams.get('sleep') || 0);
  const answer = () => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': 11 });
    res.end('{"ok":true}');
    if (sleep) times.push(Number(process.hrtime.bigint() - started) / 1e6);
  };
  if (sleep) setTimeout(answer, sleep); else answer();
});
server.keepAliveTimeout = 120000;
server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, () => process.stdout.write(JSON.stringify({ port: server.address().port }) + '\\n'));
process.on('SIGTERM', () => {
  times.sort((a, b) => a - b);
  process.stdout.write(JSON.stringify({ p50: times[Math.floor(times.length / 2)] ?? null, n: times.length }) + '\\n');
  process.exit(0);
});`;

interface Server {
  url: string;
  child: ChildProcess;
  /** Resolves at the next request for /started. */
  started(): Promise<void>;
  stop(): Promise<{ p50: number | null; n: number }>;
}

function startServer(): Promise<Server> {
  const child = spawn(process.execPath, ['-e', SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
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
async function runEngine(name: string, script: string): Promise<{ summary: any; peakRssKb: number; cpuMs: number; launcherRssKb: number }> {
  const file = path.join(work, `${name}.js`);
  const summaryFile = path.join(work, `${name}-summary.json`);
  writeFileSync(file, `${script}\nexport function handleSummary(data) { return { '${summaryFile}': JSON.stringify(data) }; }\n`);
  const child = spawn(process.execPath, [bin, 'k6', 'run', '--quiet', '--log-format', 'json', file], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  let peakRssKb = 0;
  let launcherRssKb = 0;
  let cpuMs = 0;
  let engine: number | undefined;
  const hwm = (pid: number | undefined) => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
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
// figures are printed: the median of each round's engine/autocannon ratio (the two runs of a round
// share the machine's mood), and the best engine run against the best autocannon run.
const ROUNDS = 4;

interface Round {
  cannonRps: number;
  cannonCpu: number;
  cannonErrors: number;
  cannonServerBusy: number;
  engineRps: number;
  engineCpu: number;
  failed: number;
  engineServerBusy: number;
}

const percent = (share: number) => `${Math.round(share * 100)} %`;

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * autocannon's requests/s, from a process of its own session. The engine process is started detached
 * (its own session), and Linux's autogroup scheduling shares the CPUs between sessions: run from this
 * process, autocannon would share one session's part with the server while the engine had a part to
 * itself.
 */
async function cannonInItsOwnSession(url: string, connections: number, seconds: number): Promise<{ rps: number; cpu: number }> {
  const entry = pathToFileURL(createRequire(import.meta.url).resolve('autocannon')).href;
  const code = `const { default: autocannon } = await import(${JSON.stringify(entry)});
const before = process.cpuUsage();
const r = await autocannon({ url: ${JSON.stringify(url)}, connections: ${connections}, duration: ${seconds} });
const cpu = process.cpuUsage(before);
process.stdout.write(JSON.stringify({ rps: r.requests.total / r.duration, cpu: (cpu.user + cpu.system) / r.requests.total }));`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'inherit'], detached: true });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (status !== 0) throw new Error(`autocannon exited ${status}`);
  return JSON.parse(out);
}

async function throughput(): Promise<void> {
  const server = await startServer();
  // The engine's CPU for a run that sends nothing: start-up and shutdown, subtracted below.
  const idle = await runEngine('idle', `export const options = { iterations: 1 };\nexport default async function () {}`);
  // How busy the server was while a client loaded it: near 100 % it, not the client, set the rate.
  const serverCpuMs = () => processCpuMs(server.child.pid as number);
  const runCannon = async () => {
    const cpuBefore = process.cpuUsage();
    const serverBefore = serverCpuMs();
    const cannon = await autocannon({ url: `${server.url}/`, connections: CONNECTIONS, duration: THROUGHPUT_SECONDS });
    const cpu = process.cpuUsage(cpuBefore);
    const cannonServerBusy = (serverCpuMs() - serverBefore) / (cannon.duration * 1000);
    return { cannonRps: cannon.requests.total / cannon.duration, cannonCpu: (cpu.user + cpu.system) / cannon.requests.total, cannonErrors: cannon.errors, cannonServerBusy };
  };
  const script = (vus: number) => `import http from 'k6/http';
export const options = { scenarios: { s: { executor: 'constant-vus', vus: ${vus}, duration: '${THROUGHPUT_SECONDS}s' } } };
export default async function () { await http.asyncRequest('GET', '${server.url}/'); }`;
  const runEngineClient = async () => {
    const serverBefore = serverCpuMs();
    const { summary, cpuMs } = await runEngine('throughput', script(CONNECTIONS));
    const requests = summary.metrics.http_reqs.values.count;
    // The server idles while the engine starts and stops: its busy share is taken over the test alone.
    const engineServerBusy = (serverCpuMs() - serverBefore) / summary.state.testRunDurationMs;
    return { engineRps: summary.metrics.http_reqs.values.rate, engineCpu: ((cpuMs - idle.cpuMs) * 1000) / requests, failed: summary.metrics.http_req_failed.values.rate, engineServerBusy };
  };
  const rounds: Round[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const cannonFirst = round % 2 === 0;
    const first = cannonFirst ? await runCannon() : await runEngineClient();
    const second = cannonFirst ? await runEngineClient() : await runCannon();
    rounds.push({ ...first, ...second } as Round);
  }
  // Both at once, half the connections each: the two clients share every moment of the machine, so no
  // drift can favour either. autocannon starts when the engine's test does (its setup() announces it to
  // the server) and runs as long. Each has the endpoint to itself for the moment the other takes to
  // start (autocannon's start-up) or to stop (the engine's last iterations), about a tenth of a second.
  const together: { ratio: number; cpu: number }[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const started = server.started();
    const engineRun = runEngine('together', `${script(CONNECTIONS / 2)}\nexport async function setup() { await http.asyncRequest('GET', '${server.url}/started'); }`);
    await started;
    const cannon = await cannonInItsOwnSession(`${server.url}/`, CONNECTIONS / 2, THROUGHPUT_SECONDS);
    const engine = await engineRun;
    const engineCpu = ((engine.cpuMs - idle.cpuMs) * 1000) / engine.summary.metrics.http_reqs.values.count;
    together.push({ ratio: engine.summary.metrics.http_reqs.values.rate / cannon.rps, cpu: cannon.cpu / engineCpu });
  }
  await server.stop();
  const lines = rounds.map(
    (r, i) =>
      `  round ${i + 1}${i % 2 ? ' (engine first)' : ''}: autocannon ${r.cannonRps.toFixed(0)} req/s (${r.cannonErrors} errors, ${r.cannonCpu.toFixed(0)} µs CPU per request, server ${percent(r.cannonServerBusy)} busy); ` +
      `engine ${r.engineRps.toFixed(0)} req/s (${(r.failed * 100).toFixed(2)} % failed, ${r.engineCpu.toFixed(0)} µs CPU per request, start-up excluded, server ${percent(r.engineServerBusy)} busy); ratio ${(r.engineRps / r.cannonRps).toFixed(2)}`,
  );
  const paired = median(rounds.map((r) => r.engineRps / r.cannonRps));
  const best = Math.max(...rounds.map((r) => r.engineRps)) / Math.max(...rounds.map((r) => r.cannonRps));
  const cpu = median(rounds.map((r) => r.cannonCpu / r.engineCpu));
  process.stdout.write(
    `throughput, ${CONNECTIONS} connections, ${THROUGHPUT_SECONDS} s each, same endpoint (load average now ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} CPUs):\n` +
      `${lines.join('\n')}\n` +
      `  ratio      ${paired.toFixed(2)}x, median of the rounds' engine/autocannon requests/s (goal >= 1.0x); best run to best run ${best.toFixed(2)}x\n` +
      `  CPU        autocannon's CPU per request / the engine's: ${cpu.toFixed(2)} (median of the rounds)\n` +
      `             a round whose server is near 100 % busy measures the server: both clients get its rate\n` +
      `  together   ${median(together.map((t) => t.ratio)).toFixed(2)}x, median of ${ROUNDS} runs of both at once, ${CONNECTIONS / 2} connections each (${together.map((t) => t.ratio.toFixed(2)).join(', ')});\n` +
      `             CPU per request in the same moments, autocannon's / the engine's: ${median(together.map((t) => t.cpu)).toFixed(2)} (${together.map((t) => t.cpu.toFixed(2)).join(', ')})\n`,
  );
}

async function memory(): Promise<void> {
  const server = await startServer();
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
  const server = await startServer();
  const { summary } = await runEngine(
    'latency',
    `import http from 'k6/http';
export const options = { scenarios: { s: { executor: 'constant-vus', vus: 10, duration: '5s' } } };
export default async function () { await http.asyncRequest('GET', '${server.url}/?sleep=${SLEEP_MS}'); }`,
  );
  const truth = await server.stop();
  const cannon = await (async () => {
    const s = await startServer();
    const r = await autocannon({ url: `${s.url}/?sleep=${SLEEP_MS}`, connections: 10, duration: 5 });
    await s.stop();
    return r;
  })();
  const bare = await (async () => {
    const s = await startServer();
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
