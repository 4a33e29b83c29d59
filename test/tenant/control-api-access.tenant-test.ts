import assert from 'node:assert/strict';
import os from 'node:os';
import { after, before, describe, it } from 'node:test';
import { startTenant, type RunningTenant } from '../../tenant/start-tenant.ts';

// The machine's own non-loopback IPv4 address: a request to it reaches the tenant from a non-loopback
// source address, as a caller on the network would.
const external = Object.values(os.networkInterfaces())
  .flat()
  .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;

describe(
  'local tenant: the control API answers loopback callers only',
  { skip: external ? false : 'this machine has no non-loopback IPv4 address to call from' },
  () => {
    let tenant: RunningTenant;
    before(async () => {
      tenant = await startTenant({ host: '0.0.0.0' });
    });
    after(() => tenant.close());
    const port = () => new URL(tenant.url).port;

    it('refuses /__tenant/* to a non-loopback caller with 403, while the Authentication API still answers it', async () => {
      const refused = await fetch(`http://${external}:${port()}/__tenant/rate-limits`);
      assert.equal(refused.status, 403);
      assert.deepEqual(await refused.json(), {
        error: 'forbidden',
        error_description: 'The control API answers loopback callers only.',
      });
      const rotate = await fetch(`http://${external}:${port()}/__tenant/keys/rotate`, { method: 'POST' });
      assert.equal(rotate.status, 403);
      const discovery = await fetch(`http://${external}:${port()}/.well-known/openid-configuration`);
      assert.equal(discovery.status, 200);
    });

    it('serves the same control routes on loopback', async () => {
      const allowed = await fetch(`http://127.0.0.1:${port()}/__tenant/rate-limits`);
      assert.equal(allowed.status, 200);
      assert.equal(typeof ((await allowed.json()) as { bruteForceThreshold: unknown }).bruteForceThreshold, 'number');
    });
  },
);
