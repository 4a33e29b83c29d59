import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import { startTenant, type RunningTenant } from '../../tenant/start-tenant.ts';

export interface LocalTenantForSuite {
  /** A temporary folder for the tests' outputs, removed after them. */
  dir: string;
  /** The tenant's harness configuration, for `--target <url> --config <file>`. */
  configFile: string;
  /** Set once the tests start. */
  tenant: RunningTenant;
}

/**
 * For a suite's end-to-end tests: a local tenant with fault injection, started before them and closed
 * after, with its harness configuration written where `--config` can read it.
 */
export function localTenantForSuite(folderPrefix: string): LocalTenantForSuite {
  const dir = mkdtempSync(path.join(os.tmpdir(), folderPrefix));
  const fixture = { dir, configFile: path.join(dir, 'harness.json') } as LocalTenantForSuite;
  before(async () => {
    fixture.tenant = await startTenant({ faults: true });
    writeFileSync(fixture.configFile, JSON.stringify(fixture.tenant.harnessConfig()));
  });
  after(async () => {
    await fixture.tenant.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return fixture;
}
