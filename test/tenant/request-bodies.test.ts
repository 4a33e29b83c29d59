import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { startTenant, type RunningTenant } from '../../tenant/start-tenant.ts';

describe('local tenant: requests it cannot read are 400s, never a 500 or a crash', () => {
  let tenant: RunningTenant;
  before(async () => (tenant = await startTenant()));
  after(() => tenant.close());
  const post = async (body: string, contentType: string) => {
    const res = await fetch(`${tenant.url}/oauth/token`, { method: 'POST', headers: { 'content-type': contentType }, body });
    return { status: res.status, json: (await res.json()) as { error: string; error_description: string } };
  };

  it('malformed JSON', async () => {
    const res = await post('{"grant_type": ', 'application/json');
    assert.deepEqual(res, { status: 400, json: { error: 'invalid_request', error_description: 'The request body is not valid JSON.' } });
  });

  it('an unsupported content type', async () => {
    const res = await post('grant_type=client_credentials', 'text/plain');
    assert.equal(res.status, 400);
    assert.match(res.json.error_description, /Unsupported content type/);
  });

  it('an oversized body', async () => {
    const res = await post(JSON.stringify({ grant_type: 'client_credentials', padding: 'x'.repeat(100_000) }), 'application/json');
    assert.equal(res.status, 400);
    assert.match(res.json.error_description, /exceeds/);
  });

  it('a JSON array or string instead of an object is treated as no parameters', async () => {
    for (const body of ['[]', '"grant_type"', 'null']) {
      const res = await post(body, 'application/json');
      assert.equal(res.status, 400);
      assert.equal(res.json.error_description, 'Missing required parameter: grant_type');
    }
  });

  it('non-string parameter values are treated as missing', async () => {
    const res = await post(JSON.stringify({ grant_type: ['client_credentials'] }), 'application/json');
    assert.equal(res.status, 400);
  });

  it('a Content-Length larger than the body, then a hung-up client, leave the tenant serving', async () => {
    await new Promise<void>((resolve) => {
      const url = new URL(`${tenant.url}/oauth/token`);
      const req = httpRequest({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': '1000' } });
      req.on('error', () => resolve());
      req.write('{"grant_type"');
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 50);
    });
    assert.equal((await fetch(`${tenant.url}/.well-known/openid-configuration`)).status, 200);
  });

  it('unknown paths are 404, and the control API refuses nothing on loopback', async () => {
    assert.equal((await fetch(`${tenant.url}/no/such/endpoint`)).status, 404);
    assert.equal((await fetch(`${tenant.url}/__tenant/outbox`)).status, 200);
  });
});
