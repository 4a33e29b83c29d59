// client_credentials tokens/s issued by the local tenant, against the machine's RS256 signing ceiling
// (`openssl speed rsa2048` sign/s on the one core the tenant uses). Goal: ratio >= 0.7.
// The tenant runs in its own process, signing synchronously on its one event loop; autocannon drives it
// from this one.
//
// How it is measured, and why:
// - Per tenant CPU-second: `openssl speed` divides by the CPU time it consumed, so its figure is what a
//   core does when it has the core to itself. Tokens per tenant CPU-second (utime + stime from /proc)
//   is the like-for-like figure; the wall-clock rate is printed beside it.
// - In paired rounds: this machine's speed drifts by up to a third within a minute, so each round
//   measures openssl, then the tenant, then a bare node:http peer, and the ratio is taken within the
//   round; the median round is the figure.
// - The tenant, openssl and (for the primary figure) the load generator share one CPU. Over loopback
//   the sender of a packet pays for waking its receiver, and on this VM waking a process on the other
//   vCPU costs tens of microseconds per token (an inter-processor interrupt through the hypervisor),
//   a cost a tenant answering remote clients never pays. The same rounds measure the load generator
//   on the other CPU too, and print that figure beside: the difference is that wake-up tax.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ROUNDS = 3;
const WARMUP_S = 2;
const ROUND_S = 4;
const CONNECTIONS = 16;
const TENANT_CPU = 0;
const OTHER_CPU = 1;

// CPU placement needs taskset (util-linux) and a second CPU; without them every run is left where the
// scheduler puts it, and the report says so.
const canPin = os.availableParallelism() >= 2 && spawnSync('taskset', ['-p', String(process.pid)]).status === 0;
const pinned = (cpu: number, command: string, args: string[]): [string, string[]] =>
  canPin ? ['taskset', ['-c', String(cpu), command, ...args]] : [command, args];
/** Moves every thread of this process (autocannon's) to one CPU. */
const placeLoadGenerator = (cpu: number) =>
  canPin && spawnSync('taskset', ['-a', '-p', '-c', String(cpu), String(process.pid)], { stdio: 'ignore' });

function opensslSignsPerSecond(): number {
  const [command, args] = pinned(TENANT_CPU, 'openssl', ['speed', '-seconds', '2', 'rsa2048']);
  const run = spawnSync(command, args, { encoding: 'utf8', timeout: 60_000 });
  const match = /rsa\s+2048\s+bits\s+\S+\s+\S+\s+([\d.]+)/.exec(run.stdout ?? '');
  if (!match) throw new Error(`could not read sign/s from openssl speed: ${run.stderr || run.stdout}`);
  return Number(match[1]);
}

// The peer: the least a Node server can do per token (node:http, read the body, sign the same claims
// with the same crypto.sign, answer). Its ratio to openssl is the ceiling for any Node tenant here.
const BARE_SIGNER = `
import http from 'node:http';
import { generateKeyPairSync, sign } from 'node:crypto';
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    const iat = Math.floor(Date.now() / 1000);
    const input = b64({ alg: 'RS256', typ: 'JWT', kid: 'k' }) + '.' + b64({ iss: 'https://tenant.example/', sub: 'client@clients', aud: 'https://api.example/', iat, exp: iat + 86400, scope: 'read:things write:things', gty: 'client-credentials', azp: 'client' });
    const body = JSON.stringify({ access_token: input + '.' + sign('sha256', Buffer.from(input), privateKey).toString('base64url'), scope: 'read:things write:things', expires_in: 86400, token_type: 'Bearer' });
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
});
server.listen(0, '127.0.0.1', () => console.log('listening on http://127.0.0.1:' + server.address().port));
`;

async function startProcess(args: string[]) {
  const [command, commandArgs] = pinned(TENANT_CPU, process.execPath, args);
  const child = spawn(command, commandArgs, { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const match = /listening on (\S+)/.exec(out);
      if (match) resolve(match[1]);
    });
    child.on('exit', () => reject(new Error(`server exited: ${out}`)));
  });
  return { child, url };
}

/** CPU seconds a process has used so far (Linux /proc; USER_HZ is 100 on every Linux ABI Node runs on). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function load(url: string, body: string, seconds: number): Promise<autocannon.Result> {
  return autocannon({
    url: `${url}/oauth/token`,
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
    connections: CONNECTIONS,
    duration: seconds,
  });
}

interface Measured {
  tokens: number;
  perCpuSecond: number;
  wallRate: number;
  failures: number;
}

/** Tokens issued by the server at `url` (process `pid`) in one run, with autocannon on `cpu`. */
async function measure(url: string, pid: number, body: string, cpu: number): Promise<Measured> {
  placeLoadGenerator(cpu);
  const before = cpuSeconds(pid);
  const startedAt = performance.now();
  const result = await load(url, body, ROUND_S);
  // autocannon's run lasts about a second longer than its duration, and counts what it received meanwhile.
  const seconds = (performance.now() - startedAt) / 1000;
  const cpuUsed = cpuSeconds(pid) - before;
  return {
    tokens: result['2xx'],
    perCpuSecond: result['2xx'] / cpuUsed,
    wallRate: result['2xx'] / seconds,
    failures: result.non2xx + result.errors,
  };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const dir = mkdtempSync(path.join(os.tmpdir(), 'tenant-bench-'));
const configFile = path.join(dir, 'harness.json');
const tenant = await startProcess([
  path.join(root, 'bin', 'auth0-harness.js'),
  'tenant',
  '--write-harness-config',
  configFile,
]);
const peer = await startProcess(['--input-type=module', '-e', BARE_SIGNER]);
try {
  // The bench measures signing throughput, not the plan's limits: lift the buckets.
  await fetch(`${tenant.url}/__tenant/rate-limits`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ overrides: { global: null, token: null } }),
  });
  const config = JSON.parse(readFileSync(configFile, 'utf8'));
  const { clientId, clientSecret } = config.clients.client_secret_post;
  const body = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: clientId,
    client_secret: clientSecret,
    audience: config.audience,
  }).toString();
  const tenantPid = tenant.child.pid as number;
  const peerPid = peer.child.pid as number;
  // The first runs compile the hot paths of both servers; nothing is counted.
  await load(tenant.url, body, WARMUP_S);
  await load(peer.url, body, WARMUP_S);

  const rounds = [];
  for (let round = 0; round < ROUNDS; round++) {
    const openssl = opensslSignsPerSecond();
    const beside = await measure(tenant.url, tenantPid, body, TENANT_CPU);
    const other = await measure(tenant.url, tenantPid, body, OTHER_CPU);
    const bare = await measure(peer.url, peerPid, body, TENANT_CPU);
    rounds.push({ openssl, beside, other, bare });
  }
  const ratio = median(rounds.map((r) => r.beside.perCpuSecond / r.openssl));
  const otherRatio = median(rounds.map((r) => r.other.perCpuSecond / r.openssl));
  const peerRatio = median(rounds.map((r) => r.bare.perCpuSecond / r.openssl));
  const failures = rounds.reduce((n, r) => n + r.beside.failures + r.other.failures, 0);
  const where = canPin
    ? `tenant and openssl on CPU ${TENANT_CPU}`
    : 'no CPU placement (taskset or a second CPU is missing)';
  const lines = [
    `client_credentials tokens, ${ROUNDS} rounds of ${ROUND_S} s per run, ${CONNECTIONS} connections, ${where} (load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} CPUs):`,
    ...rounds.map(
      (r, i) =>
        `  round ${i + 1}: openssl ${r.openssl.toFixed(0)} sign/s; tenant ${r.beside.perCpuSecond.toFixed(0)} tokens per CPU-second with the load generator beside it ` +
        `(${r.beside.wallRate.toFixed(0)}/s wall clock), ${r.other.perCpuSecond.toFixed(0)} with it on the other CPU (${r.other.wallRate.toFixed(0)}/s); ` +
        `bare node:http peer ${r.bare.perCpuSecond.toFixed(0)}`,
    ),
    `  failed requests (non-2xx or errors): ${failures}`,
    `peer (bare node:http + crypto.sign, same claims, load generator beside it): ${peerRatio.toFixed(2)} of openssl; tenant = ${(ratio / peerRatio).toFixed(2)} of the peer`,
    `load generator on the other CPU (each answer wakes it across vCPUs): tenant ${otherRatio.toFixed(2)} of openssl`,
    `ratio (tokens per tenant CPU-second : openssl sign/s, median of paired rounds) = ${ratio.toFixed(2)}  (goal >= 0.70: ${ratio >= 0.7 ? 'met' : 'NOT met'})`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
} finally {
  tenant.child.kill('SIGTERM');
  peer.child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
