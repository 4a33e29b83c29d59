import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { z } from 'zod';
import { DEVIATION_NAMES, DEVIATIONS } from '../faults/deviations.ts';
import { stringParams } from '../http/request-bodies.ts';
import { FaultSettings } from '../faults/faults.ts';
import { LimitOverrides, PLANS } from '../rate-limit/rate-limit-settings.ts';
import { generateSigningKey } from '../signing-keys.ts';

// The loopback control API (`/__tenant/…`): the contract the harness's flows and suites code against.
// Not part of Auth0: it stands in for the email/SMS providers, the dashboard and the chaos switches.

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

const RateLimitUpdate = z.strictObject({
  plan: z.enum(PLANS).optional(),
  overrides: LimitOverrides.optional(),
  bruteForceThreshold: z.number().int().min(1).max(100).optional(),
});

const CibaDecision = z.strictObject({ decision: z.enum(['approve', 'deny']) });

function invalid(reply: FastifyReply, error: z.ZodError): FastifyReply {
  const problems = error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(body)'}: ${i.message}`);
  return reply.code(400).send({ error: 'invalid_request', error_description: problems.join('; ') });
}

/**
 * The options of every control route: outside the Authentication API's rate limits, and refused to any
 * caller not on loopback. A route hook rather than an app-wide one, which every token request would pay.
 */
const CONTROL_ROUTE = {
  config: { unlimited: true },
  onRequest(request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void {
    if (LOOPBACK.test(request.socket.remoteAddress ?? '')) return done();
    reply.code(403).send({ error: 'forbidden', error_description: 'The control API answers loopback callers only.' });
  },
};

export function controlRoutes(app: FastifyInstance): void {
  const tenant = app.tenant;

  app.get('/__tenant/outbox', CONTROL_ROUTE, async (request) => {
    const to = stringParams(request.query).to;
    return { messages: tenant.outbox.list(to) };
  });

  const faultState = () => ({
    enabled: tenant.faults.enabled,
    ...tenant.faults.current(),
    available: DEVIATION_NAMES,
    descriptions: DEVIATIONS,
  });
  app.get('/__tenant/faults', CONTROL_ROUTE, async () => faultState());
  app.put('/__tenant/faults', CONTROL_ROUTE, async (request, reply) => {
    if (!tenant.faults.enabled)
      return reply.code(409).send({
        error: 'faults_disabled',
        error_description: 'Fault injection is off: start the tenant with --faults (or startTenant({ faults })).',
      });
    const parsed = FaultSettings.safeParse(request.body ?? {});
    if (!parsed.success) return invalid(reply, parsed.error);
    tenant.faults.set(parsed.data);
    return faultState();
  });
  app.delete('/__tenant/faults', CONTROL_ROUTE, async () => {
    if (tenant.faults.enabled) tenant.faults.set({});
    return faultState();
  });

  app.get('/__tenant/rate-limits', CONTROL_ROUTE, async () => ({
    ...tenant.limiter.describe(),
    bruteForceThreshold: tenant.fixture.rateLimits.bruteForceThreshold,
  }));
  app.put('/__tenant/rate-limits', CONTROL_ROUTE, async (request, reply) => {
    const parsed = RateLimitUpdate.safeParse(request.body ?? {});
    if (!parsed.success) return invalid(reply, parsed.error);
    tenant.limiter.configure(parsed.data.plan, parsed.data.overrides);
    if (parsed.data.bruteForceThreshold) {
      tenant.fixture.rateLimits.bruteForceThreshold = parsed.data.bruteForceThreshold;
      tenant.bruteForce.setThreshold(parsed.data.bruteForceThreshold);
    }
    return { ...tenant.limiter.describe(), bruteForceThreshold: tenant.fixture.rateLimits.bruteForceThreshold };
  });

  // Rotation as Auth0 does it: the new key signs, the previous one stays published (two keys in JWKS).
  app.post('/__tenant/keys/rotate', CONTROL_ROUTE, async () => {
    const key = await generateSigningKey(new URL(tenant.issuer).host);
    tenant.keys.unshift(key);
    tenant.keys.splice(2);
    return { signingKid: key.kid, publishedKids: tenant.keys.map((k) => k.kid) };
  });

  // The user's answer to a CIBA push (Guardian in a real tenant).
  app.post('/__tenant/ciba/:authReqId', CONTROL_ROUTE, async (request, reply) => {
    const parsed = CibaDecision.safeParse(request.body ?? {});
    if (!parsed.success) return invalid(reply, parsed.error);
    const pending = tenant.cibaRequests.get((request.params as { authReqId: string }).authReqId);
    if (!pending || pending.status !== 'pending')
      return reply
        .code(404)
        .send({ error: 'not_found', error_description: 'No pending CIBA request with this auth_req_id.' });
    pending.status = parsed.data.decision === 'approve' ? 'approved' : 'denied';
    return { status: pending.status };
  });
}
