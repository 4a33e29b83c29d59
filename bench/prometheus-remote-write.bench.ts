// What `--out experimental-prometheus-rw` costs the engine: the same load with and without it, against
// the minimal endpoint (cheaper than the engine, so the engine's own CPU sets the rate and any cost of
// the output shows as fewer requests a second). The output pushes every second, with the trend
// statistics k6-operator runners are given, to a receiver that accepts every push.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROMETHEUS_TREND_STATS } from '../cli/k6-operator/testrun-manifest.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(path.join(os.tmpdir(), 'remote-write-bench-'));

const VUS = 50;
const SECONDS = 6;
// A drifting machine favours neither side: the two take turns, the first alternating (ABBA).
const ROUNDS = 6;
// Ten endpoints, as a load test tags its requests: some tens of series, each aggregated per sample.
const ENDPOINTS = 10;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** bench/servers/minimal-endpoint.mjs in a process of its own. */
async function startMinimalEndpoint(): Promise<{ url: string; stop(): void }> {
  const child = spawn(process.execPath, [path.join(root, 'bench', 'servers', 'minimal-endpoint.mjs')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve) => child.stdout.once('data', (d) => resolve(String(d))));
  return { url: `http://127.0.0.1:${JSON.parse(line).port}`, stop: () => child.kill('SIGTERM') };
}

/** A remote-write endpoint that drains each push and answers 204, counting them. */
async function startReceiver(): Promise<{ url: string; pushes: () => number; close(): void }> {
  let pushes = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      pushes++;
      res.statusCode = 204;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/write`,
    pushes: () => pushes,
    close: () => server.close(),
  };
}

const CLOCK_TICKS_PER_SECOND = 100;

/** The CPU time (ms) of the engine process `auth0-harness k6 run` starts, the launcher's child, until it ends. */
function followEngineCpu(launcher: number): () => number {
  let cpuMs = 0;
  let engine: number | undefined;
  const poll = setInterval(() => {
    try {
      engine ??=
        Number(readFileSync(`/proc/${launcher}/task/${launcher}/children`, 'utf8').trim().split(' ')[0]) || undefined;
      if (engine === undefined) return;
      const stat = readFileSync(`/proc/${engine}/stat`, 'utf8').split(') ')[1].split(' ');
      cpuMs = ((Number(stat[11]) + Number(stat[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
    } catch {
      /* the process has just exited: its last reading stands */
    }
  }, 20);
  return () => {
    clearInterval(poll);
    return cpuMs;
  };
}

interface EngineRun {
  rps: number;
  requests: number;
  cpuMs: number;
}

/** `auth0-harness k6 run` of a script, with or without the output. */
async function runEngine(source: string, remoteWrite?: string): Promise<EngineRun> {
  const script = path.join(work, 'load.js');
  const summaryFile = path.join(work, 'summary.json');
  writeFileSync(
    script,
    `${source}\nexport function handleSummary(data) { return { '${summaryFile}': JSON.stringify(data) }; }\n`,
  );
  const out = remoteWrite ? ['--out', 'experimental-prometheus-rw'] : [];
  const child = spawn(
    process.execPath,
    [path.join(root, 'bin', 'auth0-harness.js'), 'k6', 'run', '--quiet', ...out, script],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: {
        ...process.env,
        K6_PROMETHEUS_RW_SERVER_URL: remoteWrite ?? '',
        K6_PROMETHEUS_RW_PUSH_INTERVAL: '1s',
        K6_PROMETHEUS_RW_TREND_STATS: PROMETHEUS_TREND_STATS,
      },
    },
  );
  const cpu = followEngineCpu(child.pid as number);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const cpuMs = cpu();
  if (code !== 0) throw new Error(`the engine exited ${code}`);
  const reqs = JSON.parse(readFileSync(summaryFile, 'utf8')).metrics.http_reqs;
  return { rps: reqs?.values.rate ?? 0, requests: reqs?.values.count ?? 0, cpuMs };
}

const loadScript = (target: string) => `import http from 'k6/http';
export const options = { scenarios: { s: { executor: 'constant-vus', vus: ${VUS}, duration: '${SECONDS}s' } } };
export default async function () {
  await http.asyncRequest('GET', '${target}/', null, { tags: { endpoint: 'GET /' + (__ITER % ${ENDPOINTS}) } });
}`;
// Start-up and shutdown (the output's modules, its last push), left out of the CPU per request.
const IDLE_SCRIPT = `export const options = { iterations: 1 };\nexport default async function () {}`;

const endpoint = await startMinimalEndpoint();
const receiver = await startReceiver();
const idle = {
  without: (await runEngine(IDLE_SCRIPT)).cpuMs,
  with: (await runEngine(IDLE_SCRIPT, receiver.url)).cpuMs,
};
const measure = async (withOutput: boolean) => {
  const run = await runEngine(loadScript(endpoint.url), withOutput ? receiver.url : undefined);
  return { rps: run.rps, cpuUs: ((run.cpuMs - (withOutput ? idle.with : idle.without)) * 1000) / run.requests };
};
const rounds: { without: { rps: number; cpuUs: number }; with: { rps: number; cpuUs: number } }[] = [];
for (let round = 0; round < ROUNDS; round++) {
  if (round % 2 === 0) {
    const without = await measure(false);
    rounds.push({ without, with: await measure(true) });
  } else {
    const withOutput = await measure(true);
    rounds.push({ with: withOutput, without: await measure(false) });
  }
}
endpoint.stop();
receiver.close();

const rpsRatio = median(rounds.map((r) => r.with.rps / r.without.rps));
const cpuRatio = median(rounds.map((r) => r.with.cpuUs / r.without.cpuUs));
const run = (r: { rps: number; cpuUs: number }) =>
  `${r.rps.toFixed(0)} req/s, ${r.cpuUs.toFixed(1)} µs CPU per request`;
process.stdout.write(
  `prometheus remote-write output, ${VUS} VUs for ${SECONDS} s against the minimal endpoint, ${ENDPOINTS} endpoint tags, ` +
    `pushing every 1 s (${PROMETHEUS_TREND_STATS}) (load average now ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} CPUs):\n` +
    rounds
      .map(
        (r, i) =>
          `    round ${i + 1}${i % 2 ? ' (with first)' : ''}: without ${run(r.without)}; with ${run(r.with)}; ratio ${(r.with.rps / r.without.rps).toFixed(3)}\n`,
      )
      .join('') +
    `    ratio  ${rpsRatio.toFixed(3)}x, median of the rounds' requests/s with the output / without: ` +
    `overhead ${((1 - rpsRatio) * 100).toFixed(1)} % (goal < 5 %)\n` +
    `    CPU    ${cpuRatio.toFixed(3)}x, median of the rounds' engine CPU per request with / without (start-up left out; ` +
    `steadier than requests/s on a busy machine); ${receiver.pushes()} pushes received\n`,
);
