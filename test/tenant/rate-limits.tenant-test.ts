import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { HarnessConfig } from '../../lib/k6-and-node/harness-config.ts';
import { startTenant, type RunningTenant } from '../../tenant/start-tenant.ts';
import { TokenBucket } from '../../tenant/rate-limit/token-bucket.ts';
import { clientCredentialsPost, configOf, get, postForm, postJson } from './tenant-requests.ts';

const TOO_MANY = 'Too many requests. Check the X-RateLimit-Limit, X-RateLimit-Remaining and X-RateLimit-Reset headers.';

describe('token bucket (docs/auth0-api.md §4.1)', () => {
  it('allows a burst of its size, then refills at the sustained rate', () => {
    const bucket = new TokenBucket({ burst: 3, rate: 1, per: 'second' }, 0);
    assert.deepEqual(
      [1, 2, 3, 4].map(() => bucket.take(0).allowed),
      [true, true, true, false],
    );
    assert.equal(bucket.take(999).allowed, false);
    const refilled = bucket.take(1000);
    assert.equal(refilled.allowed, true);
    assert.equal(refilled.remaining, 0);
    assert.equal(refilled.resetAtMs, 2000, 'the next token arrives one refill interval later');
  });
  it('reports remaining as whole tokens and reset = now when full', () => {
    const bucket = new TokenBucket({ burst: 5, rate: 5, per: 'minute' }, 0);
    const d = bucket.take(0);
    assert.equal(d.remaining, 4);
    assert.equal(d.limit, 5);
    assert.equal(d.resetAtMs, 12_000);
  });
});

describe('local tenant: rate limits (docs/auth0-api.md §4)', () => {
  let tenant: RunningTenant;
  let config: HarnessConfig;
  before(async () => {
    tenant = await startTenant({
      rateLimits: {
        plan: 'free',
        overrides: { global: { burst: 1000, rate: 1000, per: 'second' }, token: { burst: 5, rate: 1, per: 'minute' } },
      },
    });
    config = configOf(tenant);
  });
  after(() => tenant.close());
  const setLimits = (body: object) =>
    fetch(`${tenant.url}/__tenant/rate-limits`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const cc = () => clientCredentialsPost(tenant, config);

  it('sends X-RateLimit-Limit / -Remaining / -Reset (epoch seconds) and decrements remaining by one per request, then 429s with the documented body', async () => {
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await cc());
    const now = Date.now() / 1000;
    assert.deepEqual(
      answers.map((a) => a.status),
      [200, 200, 200, 200, 200, 429],
    );
    assert.deepEqual(
      answers.map((a) => a.headers.get('x-ratelimit-limit')),
      ['5', '5', '5', '5', '5', '5'],
    );
    assert.deepEqual(
      answers.map((a) => a.headers.get('x-ratelimit-remaining')),
      ['4', '3', '2', '1', '0', '0'],
    );
    for (const a of answers) {
      const reset = Number(a.headers.get('x-ratelimit-reset'));
      assert.ok(
        Number.isInteger(reset) && reset >= now - 1 && reset < now + 3600,
        `reset ${reset} is epoch seconds near now`,
      );
    }
    assert.deepEqual(answers[5].json, { error: 'too_many_requests', error_description: TOO_MANY });
  });

  it('the global bucket is checked before the endpoint bucket', async () => {
    const t = await startTenant({
      rateLimits: {
        plan: 'enterprise',
        overrides: { global: { burst: 2, rate: 1, per: 'minute' }, jwks: { burst: 100, rate: 100, per: 'second' } },
      },
    });
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push(await get(`${t.url}/.well-known/jwks.json`));
      assert.deepEqual(
        statuses.map((s) => s.status),
        [200, 200, 429],
      );
      assert.equal(statuses[2].headers.get('x-ratelimit-limit'), '2', 'the refusing bucket is the global one');
    } finally {
      await t.close();
    }
  });

  it('/userinfo is limited per user: 10 burst (docs/auth0-api.md §4.4)', async () => {
    await setLimits({ overrides: { global: { burst: 1000, rate: 1000, per: 'second' }, token: null } });
    const { username, password } = config.users.plain!;
    const login = await postForm(`${tenant.url}/oauth/token`, {
      grant_type: 'password',
      client_id: config.clients.none!.clientId,
      username,
      password,
      scope: 'openid',
    });
    const statuses = [];
    for (let i = 0; i < 11; i++)
      statuses.push(
        (await get(`${tenant.url}/userinfo`, { authorization: `Bearer ${login.json.access_token}` })).status,
      );
    assert.deepEqual(statuses, [...Array(10).fill(200), 429]);
  });

  it('/dbconnections/change_password is limited per IP + email: 10 burst', async () => {
    const statuses = [];
    for (let i = 0; i < 11; i++)
      statuses.push(
        (
          await postJson(`${tenant.url}/dbconnections/change_password`, {
            email: 'someone@harness.local',
            connection: config.connections.database,
          })
        ).status,
      );
    assert.deepEqual(statuses, [...Array(10).fill(200), 429]);
    assert.equal(
      (
        await postJson(`${tenant.url}/dbconnections/change_password`, {
          email: 'other@harness.local',
          connection: config.connections.database,
        })
      ).status,
      200,
      'another email has its own bucket',
    );
  });

  it('PUT /__tenant/rate-limits switches the plan and overrides', async () => {
    const res = await fetch(`${tenant.url}/__tenant/rate-limits`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ plan: 'essentials', overrides: { token: null } }),
    });
    const body = (await res.json()) as { plan: string; limits: Record<string, unknown> };
    assert.equal(body.plan, 'essentials');
    assert.deepEqual(body.limits.global, { burst: 25, rate: 25, per: 'second' });
    assert.equal(body.limits.token, null);
    const invalid = await fetch(`${tenant.url}/__tenant/rate-limits`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ plan: 'platinum' }),
    });
    assert.equal(invalid.status, 400);
    assert.match(((await invalid.json()) as { error_description: string }).error_description, /plan/);
  });
});

describe('local tenant: brute-force protection and the same-user login limit (docs/auth0-api.md §4.5)', () => {
  it('10 failures from one IP against one user block it: 429 too_many_attempts, even with the right password', async () => {
    const tenant = await startTenant();
    try {
      const config = configOf(tenant);
      const { username, password } = config.users.plain!;
      const attempt = (pw: string) =>
        postForm(`${tenant.url}/oauth/token`, {
          grant_type: 'password',
          client_id: config.clients.none!.clientId,
          username,
          password: pw,
        });
      for (let i = 0; i < 10; i++) assert.equal((await attempt('wrong')).status, 403);
      const blocked = await attempt(password);
      assert.equal(blocked.status, 429);
      assert.equal(blocked.json.error, 'too_many_attempts');
      assert.match(blocked.json.error_description, /blocked after multiple consecutive login attempts/);
    } finally {
      await tenant.close();
    }
  });
  it('the same-user login limit refuses the 21st attempt within a minute with rate-limit headers', async () => {
    const tenant = await startTenant();
    try {
      const config = configOf(tenant);
      const { username, password } = config.users.plain!;
      const statuses = [];
      let last;
      for (let i = 0; i < 21; i++) {
        last = await postForm(`${tenant.url}/oauth/token`, {
          grant_type: 'password',
          client_id: config.clients.none!.clientId,
          username,
          password,
        });
        statuses.push(last.status);
      }
      assert.deepEqual(statuses, [...Array(20).fill(200), 429]);
      assert.equal(last!.headers.get('x-ratelimit-limit'), '20');
      assert.equal(last!.headers.get('x-ratelimit-remaining'), '0');
    } finally {
      await tenant.close();
    }
  });
});

describe('local tenant under 10x its limit', () => {
  it('answers only 200s and 429s, every one with rate-limit headers, no 5xx', async () => {
    // Limit 20/s; 400 requests sent as fast as 40 connections allow, i.e. well over 10x the limit.
    const tenant = await startTenant({ rateLimits: { overrides: { global: { burst: 20, rate: 20, per: 'second' } } } });
    try {
      const config = configOf(tenant);
      const { clientId, clientSecret } = config.clients.client_secret_post!;
      const body = new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: clientId,
        client_secret: clientSecret,
        audience: config.audience,
      }).toString();
      const statuses = new Map<number, number>();
      let missingHeaders = 0;
      let next = 0;
      const worker = async () => {
        while (next++ < 400) {
          const res = await fetch(`${tenant.url}/oauth/token`, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body,
          });
          await res.arrayBuffer();
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (
            !res.headers.get('x-ratelimit-limit') ||
            !res.headers.get('x-ratelimit-remaining') ||
            !res.headers.get('x-ratelimit-reset')
          )
            missingHeaders++;
        }
      };
      await Promise.all(Array.from({ length: 40 }, worker));
      assert.deepEqual([...statuses.keys()].sort(), [200, 429]);
      assert.ok((statuses.get(429) ?? 0) > 0);
      assert.equal(missingHeaders, 0);
    } finally {
      await tenant.close();
    }
  });
});
