import { writeFileSync } from 'node:fs';
import { PLANS, type Plan } from '../tenant/rate-limit/rate-limit-settings.ts';
import { startTenant, type RunningTenant } from '../tenant/start-tenant.ts';
import { onInterruption } from './interruption.ts';
import { readTenantFixtureFile } from './tenant-fixture-file.ts';
import { UsageError } from './usage-error.ts';

export interface TenantCommandOptions {
  port: string;
  host: string;
  issuer?: string;
  config?: string;
  writeHarnessConfig?: string;
  faults?: boolean;
  plan?: string;
  /** --https: true, or the mTLS listener's port. */
  https?: boolean | string;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);

/** Why the tenant could not listen, as the flag that chose where: a busy port is the user's to change. */
function listenProblem(error: NodeJS.ErrnoException, host: string, port: number, flag: string): UsageError | undefined {
  switch (error.code) {
    case 'EADDRINUSE':
      return new UsageError(
        `${flag}: port ${port} on ${host} is in use; choose another with ${flag} or 0 for any free port.`,
      );
    case 'EACCES':
      return new UsageError(
        `${flag}: port ${port} on ${host} needs privileges this user lacks; choose one above 1023 with ${flag}, or 0 for any free port.`,
      );
    case 'EADDRNOTAVAIL':
    case 'EAFNOSUPPORT':
      return new UsageError(`--host: ${host} is not an address of this machine; use 127.0.0.1.`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new UsageError(`--host: ${host} does not resolve on this machine; use 127.0.0.1.`);
    default:
      return undefined;
  }
}

function writeHarnessConfig(file: string, tenant: RunningTenant): void {
  try {
    // The file holds secrets and a private key: readable by its owner only.
    writeFileSync(file, `${JSON.stringify(tenant.harnessConfig(), null, 2)}\n`, { mode: 0o600 });
  } catch (error) {
    const { code } = error as NodeJS.ErrnoException;
    throw new UsageError(
      `--write-harness-config: ${file} cannot be written (${code === 'ENOENT' ? 'its folder does not exist' : code}); give a path in a folder you can write to.`,
    );
  }
}

function portNumber(flag: string, value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new UsageError(`${flag}: "${value}" is not a port number (0-65535).`);
  return port;
}

/** `auth0-harness tenant`: runs the local tenant in the foreground until Ctrl-C (or its parent goes). */
export async function tenantCommand(o: TenantCommandOptions): Promise<number> {
  const port = portNumber('--port', o.port);
  const httpsPort = typeof o.https === 'string' ? portNumber('--https', o.https) : 0;
  if (!LOOPBACK_HOSTS.has(o.host))
    throw new UsageError(`--host: "${o.host}" is not a loopback address; use 127.0.0.1, localhost or ::1.`);
  if (o.issuer !== undefined && !URL.canParse(o.issuer))
    throw new UsageError(
      `--issuer: "${o.issuer}" is not a URL; give the public base URL, e.g. https://login.example.com/.`,
    );
  if (o.plan !== undefined && !PLANS.includes(o.plan as Plan))
    throw new UsageError(`--plan: "${o.plan}" is not one of ${PLANS.join(', ')}.`);
  const fixture = o.config ? readTenantFixtureFile(o.config) : undefined;

  let tenant: RunningTenant;
  try {
    tenant = await startTenant({
      port,
      host: o.host,
      issuer: o.issuer,
      fixture,
      faults: o.faults ? true : undefined,
      rateLimits: o.plan ? { plan: o.plan as Plan } : undefined,
      https: o.https ? { port: httpsPort } : undefined,
    });
  } catch (error) {
    // The mTLS listener starts second, on its own port: a refusal naming that port is --https's.
    const onHttpsPort = o.https !== undefined && httpsPort !== 0 && (error as { port?: number }).port === httpsPort;
    throw (
      (onHttpsPort
        ? listenProblem(error as NodeJS.ErrnoException, o.host, httpsPort, '--https')
        : listenProblem(error as NodeJS.ErrnoException, o.host, port, '--port')) ?? error
    );
  }
  let stop: () => void = () => {};
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const stopListening = onInterruption(stop);
  try {
    if (o.writeHarnessConfig) {
      writeHarnessConfig(o.writeHarnessConfig, tenant);
      process.stdout.write(`harness configuration written to ${o.writeHarnessConfig}\n`);
    }
    process.stdout.write(
      `local tenant listening on ${tenant.url} (issuer ${tenant.issuer}${o.faults ? ', fault injection on' : ''}); Ctrl-C to stop\n`,
    );
    if (tenant.mtlsUrl)
      process.stdout.write(
        `mTLS endpoint aliases on ${tenant.mtlsUrl} (client certificates from the tenant's own CA, made at start)\n`,
      );
    await stopped;
  } finally {
    stopListening();
    await tenant.close();
  }
  return 0;
}
