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
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

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
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
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

function load(url: string, body: string, seconds: number): Promise<autocannon.Result> {
  return autocannon({ url: `${url}/oauth/token`, method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body, connections: CONNECTIONS, duration: seconds });
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'tenant-bench-'));
const configFile = path.join(dir, 'harness.json');
const { child, url } = await startProcess([path.join(root, 'bin', 'auth0-harness.js'), 'tenant', '--write-harness-config', configFile]);
try {
  // The bench measures signing throughput, not the plan's limits: lift the buckets.
  await fetch(`${url}/__tenant/rate-limits`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ overrides: { global: null, token: null } }) });
  const config = JSON.parse(readFileSync(configFile, 'utf8'));
  const { clientId, clientSecret } = config.clients.client_secret_post;
  const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, audience: config.audience }).toString();

  const measure = async (target: string, pid: number) => {
    await load(target, body, WARMUP_S);
    const before = cpuSeconds(pid);
    const startedAt = performance.now();
    const result = await load(target, body, DURATION_S);
    // autocannon's run lasts about a second longer than its duration, and counts what it received meanwhile.
    const seconds = (performance.now() - startedAt) / 1000;
    const after = cpuSeconds(pid);
    return { result, seconds, cpu: before !== undefined && after !== undefined && after > before ? after - before : undefined };
  };
  // The machine's speed drifts on a shared host: openssl is measured before and after the tenant, and
  // the faster of the two is the ceiling (the ratio is never flattered by a slow moment).
  const signsBefore = opensslSignsPerSecond();
  const { result, seconds, cpu } = await measure(url, child.pid as number);
  const bare = await startProcess(['--input-type=module', '-e', BARE_SIGNER]);
  const peer = await measure(bare.url, bare.child.pid as number).finally(() => bare.child.kill('SIGTERM'));
  const tokens = result['2xx'];
  const wallRate = tokens / seconds;
  const signsAfter = opensslSignsPerSecond();
  const signsPerSecond = Math.max(signsBefore, signsAfter);
  const ceiling = signsPerSecond * TENANT_CORES;
  const lines = [
    `client_credentials tokens issued: ${tokens} in ${seconds.toFixed(1)} s (autocannon for ${DURATION_S} s, ${CONNECTIONS} connections; non-2xx ${result.non2xx}, errors ${result.errors}, p99 ${result.latency.p99} ms)`,
    `  wall clock: ${wallRate.toFixed(0)} tokens/s (load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores)`,
    `RS256 signing ceiling: openssl speed -seconds 3 rsa2048 = ${signsPerSecond.toFixed(0)} sign/s per CPU-second (best of ${signsBefore.toFixed(0)} before, ${signsAfter.toFixed(0)} after) x ${TENANT_CORES} core = ${ceiling.toFixed(0)}/s`,
  ];
  if (cpu !== undefined && peer.cpu !== undefined) {
    const perCpuSecond = tokens / cpu;
    const peerPerCpuSecond = peer.result['2xx'] / peer.cpu;
    const ratio = perCpuSecond / ceiling;
    lines.push(
      `  tenant CPU: ${cpu.toFixed(2)} s -> ${perCpuSecond.toFixed(0)} tokens per CPU-second`,
      `peer (bare node:http + crypto.sign, same claims): ${peerPerCpuSecond.toFixed(0)} tokens per CPU-second = ${(peerPerCpuSecond / ceiling).toFixed(2)} of openssl; tenant = ${(perCpuSecond / peerPerCpuSecond).toFixed(2)} of the peer`,
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
