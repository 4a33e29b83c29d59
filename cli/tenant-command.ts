import { readFileSync, writeFileSync } from 'node:fs';
import { FixtureError, parseFixture } from '../tenant/fixture.ts';
import { PLANS, type Plan } from '../tenant/rate-limit/rate-limit-settings.ts';
import { startTenant } from '../tenant/start-tenant.ts';
import { UsageError } from './usage-error.ts';

export interface TenantCommandOptions {
  port: string;
  host: string;
  issuer?: string;
  config?: string;
  writeHarnessConfig?: string;
  faults?: boolean;
  plan?: string;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);

function readFixture(file: string) {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`--config: cannot read "${file}"; give the path of a tenant fixture JSON file.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--config: "${file}" is not valid JSON (${(error as Error).message}).`);
  }
  try {
    return parseFixture(json, `--config ${file}`);
  } catch (error) {
    if (error instanceof FixtureError) throw new UsageError(error.message);
    throw error;
  }
}

/** `auth0-harness tenant`: runs the local tenant in the foreground until Ctrl-C. */
export async function tenantCommand(o: TenantCommandOptions): Promise<number> {
  const port = Number(o.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port: "${o.port}" is not a port number (0-65535).`);
  if (!LOOPBACK_HOSTS.has(o.host))
    throw new UsageError(`--host: "${o.host}" is not a loopback address; use 127.0.0.1, localhost or ::1.`);
  if (o.issuer !== undefined && !URL.canParse(o.issuer))
    throw new UsageError(
      `--issuer: "${o.issuer}" is not a URL; give the public base URL, e.g. https://login.example.com/.`,
    );
  if (o.plan !== undefined && !PLANS.includes(o.plan as Plan))
    throw new UsageError(`--plan: "${o.plan}" is not one of ${PLANS.join(', ')}.`);
  const fixture = o.config ? readFixture(o.config) : undefined;

  const tenant = await startTenant({
    port,
    host: o.host,
    issuer: o.issuer,
    fixture,
    faults: o.faults ? true : undefined,
    rateLimits: o.plan ? { plan: o.plan as Plan } : undefined,
  });
  if (o.writeHarnessConfig) {
    // The file holds secrets and a private key: readable by its owner only.
    writeFileSync(o.writeHarnessConfig, `${JSON.stringify(tenant.harnessConfig(), null, 2)}\n`, { mode: 0o600 });
    process.stdout.write(`harness configuration written to ${o.writeHarnessConfig}\n`);
  }
  process.stdout.write(
    `local tenant listening on ${tenant.url} (issuer ${tenant.issuer}${o.faults ? ', fault injection on' : ''}); Ctrl-C to stop\n`,
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await tenant.close();
  return 0;
}
