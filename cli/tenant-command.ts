import { startTenant } from '../tenant/start-tenant.ts';
import { UsageError } from './usage-error.ts';

export async function tenantCommand(o: { port: string; host: string; issuer?: string; config?: string }): Promise<number> {
  const port = Number(o.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port: "${o.port}" is not a port number (0-65535).`);
  if (o.config) throw new UsageError('--config: tenant fixture files are not supported yet; run without --config for the built-in fixture.');
  const tenant = await startTenant({ port, host: o.host, issuer: o.issuer });
  process.stdout.write(`local tenant listening on ${tenant.url} (issuer ${tenant.issuer}); Ctrl-C to stop\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await tenant.close();
  return 0;
}
