// client_credentials tokens/s issued by the local tenant, against the machine's RS256 signing ceiling
// measured in the same run (`openssl speed -seconds 3 rsa2048`). Goal: ratio >= 0.7.
// The tenant runs in its own process (signing synchronously on its one event loop, so one core);
// autocannon drives it from this one.
//
// Why the ratio is taken per CPU-second: `openssl speed` divides by the CPU *user time* it consumed
// (its -elapsed flag switches to wall-clock), so its figure is what one core does when it has the
// core to itself. On a shared machine the tenant gets only part of a core, and its wall-clock rate
// falls with the load average while openssl's does not. Tokens per tenant CPU-second (utime + stime
// from /proc) is the like-for-like figure; the wall-clock rate is printed beside it.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

// autocannon ships no types; the part of its API this bench uses.
interface LoadResult {
  '2xx': number;
  non2xx: number;
  errors: number;
  latency: { p99: number };
}
const autocannon = createRequire(import.meta.url)('autocannon') as (options: Record<string, unknown>) => Promise<LoadResult>;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TENANT_CORES = 1;
const WARMUP_S = 2;
const DURATION_S = 10;
const CONNECTIONS = 16;

function opensslSignsPerSecond(): number {
  const run = spawnSync('openssl', ['speed', '-seconds', '3', 'rsa2048'], { encoding: 'utf8', timeout: 60_000 });
  const match = /rsa\s+2048\s+bits\s+\S+\s+\S+\s+([\d.]+)/.exec(run.stdout ?? '');
  if (!match) throw new Error(`could not read sign/s from openssl speed: ${run.stderr || run.stdout}`);
  return Number(match[1]);
}

async function startTenantProcess(configFile: string) {
  const child = spawn(process.execPath, [path.join(root, 'bin', 'auth0-harness.js'), 'tenant', '--write-harness-config', configFile], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const match = /listening on (\S+)/.exec(out);
      if (match) resolve(match[1]);
    });
    child.on('exit', () => reject(new Error(`tenant exited: ${out}`)));
  });
  return { child, url };
}

/** CPU seconds a process has used so far (Linux /proc; USER_HZ is 100 on every Linux ABI Node runs on). */
function cpuSeconds(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

function load(url: string, body: string, seconds: number): Promise<LoadResult> {
  return autocannon({ url: `${url}/oauth/token`, method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body, connections: CONNECTIONS, duration: seconds });
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'tenant-bench-'));
const configFile = path.join(dir, 'harness.json');
const { child, url } = await startTenantProcess(configFile);
try {
  // The bench measures signing throughput, not the plan's limits: lift the buckets.
  await fetch(`${url}/__tenant/rate-limits`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ overrides: { global: null, token: null } }) });
  const config = JSON.parse(readFileSync(configFile, 'utf8'));
  const { clientId, clientSecret } = config.clients.client_secret_post;
  const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, audience: config.audience }).toString();

  await load(url, body, WARMUP_S);
  const cpuBefore = cpuSeconds(child.pid as number);
  const result = await load(url, body, DURATION_S);
  const cpuAfter = cpuSeconds(child.pid as number);
  const tokens = result['2xx'];
  const wallRate = tokens / DURATION_S;
  const signsPerSecond = opensslSignsPerSecond();
  const ceiling = signsPerSecond * TENANT_CORES;
  const lines = [
    `client_credentials tokens issued: ${tokens} in ${DURATION_S} s (autocannon, ${CONNECTIONS} connections; non-2xx ${result.non2xx}, errors ${result.errors}, p99 ${result.latency.p99} ms)`,
    `  wall clock: ${wallRate.toFixed(0)} tokens/s (load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores)`,
    `RS256 signing ceiling: openssl speed -seconds 3 rsa2048 = ${signsPerSecond.toFixed(0)} sign/s per CPU-second x ${TENANT_CORES} core = ${ceiling.toFixed(0)}/s`,
  ];
  if (cpuBefore !== undefined && cpuAfter !== undefined && cpuAfter > cpuBefore) {
    const perCpuSecond = tokens / (cpuAfter - cpuBefore);
    const ratio = perCpuSecond / ceiling;
    lines.push(
      `  tenant CPU: ${(cpuAfter - cpuBefore).toFixed(2)} s -> ${perCpuSecond.toFixed(0)} tokens per CPU-second`,
      `ratio (tokens per tenant CPU-second : openssl sign/s) = ${ratio.toFixed(2)}  (goal >= 0.70: ${ratio >= 0.7 ? 'met' : 'NOT met'})`,
    );
  } else {
    const ratio = wallRate / ceiling;
    lines.push(`ratio (wall-clock tokens/s : openssl sign/s; no /proc to read CPU time) = ${ratio.toFixed(2)}  (goal >= 0.70: ${ratio >= 0.7 ? 'met' : 'NOT met'})`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
} finally {
  child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
