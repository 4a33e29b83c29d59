import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { LimitedDecision } from '../rate-limit/rate-limiter.ts';
import type { LimitId } from '../rate-limit/rate-limit-settings.ts';
import { sendOAuthError } from '../oauth-error.ts';

/** The documented sentence for a rate-limited request (docs/auth0-api.md §4.2). */
const TOO_MANY_REQUESTS =
  'Too many requests. Check the X-RateLimit-Limit, X-RateLimit-Remaining and X-RateLimit-Reset headers.';

/** Route option: the endpoint bucket and what it is keyed by ('any' = one bucket for all callers). */
interface RouteRateLimit {
  id: LimitId;
  key: 'ip' | 'any';
}

declare module 'fastify' {
  interface FastifyContextConfig {
    rateLimit?: RouteRateLimit;
    /** Control API and internal pages: outside the Authentication API's buckets. */
    unlimited?: boolean;
  }
}

function writeRateLimitHeaders(reply: FastifyReply, decision: LimitedDecision): void {
  const faults = reply.server.tenant.faults;
  const remaining = faults.has('ratelimit.remaining_not_decremented') ? decision.limit : decision.remaining;
  const reset = faults.has('ratelimit.reset_in_milliseconds')
    ? Math.ceil(decision.resetAtMs)
    : Math.ceil(decision.resetAtMs / 1000);
  if (!faults.has('ratelimit.drop_limit_header')) reply.header('x-ratelimit-limit', String(decision.limit));
  if (!faults.has('ratelimit.drop_remaining_header')) reply.header('x-ratelimit-remaining', String(remaining));
  if (!faults.has('ratelimit.drop_reset_header')) reply.header('x-ratelimit-reset', String(reset));
}

/** 429 with the headers of the bucket that refused and the documented shape-A body (docs/auth0-api.md §4.2, §3.3). */
function sendRateLimited(
  reply: FastifyReply,
  decision: LimitedDecision,
  error = 'too_many_requests',
  description = TOO_MANY_REQUESTS,
): FastifyReply {
  writeRateLimitHeaders(reply, decision);
  if (reply.server.tenant.faults.has('ratelimit.429_wrong_body'))
    return reply.code(429).type('text/plain; charset=utf-8').send('rate limited');
  return sendOAuthError(reply, 429, error, description);
}

/**
 * Takes a token from a bucket keyed inside the handler (per user, per IP+email…). Returns false after
 * answering 429; otherwise the bucket's headers replace the global ones.
 */
export function enforceLimit(request: FastifyRequest, reply: FastifyReply, id: LimitId, key: string): boolean {
  const decision = request.server.tenant.limiter.take(id, key);
  if (!decision) return true;
  if (!decision.allowed) {
    sendRateLimited(reply, decision);
    return false;
  }
  writeRateLimitHeaders(reply, decision);
  return true;
}

/** Global bucket first, then the route's own bucket (docs/auth0-api.md §4.1 order). */
export function registerRateLimiting(app: FastifyInstance): void {
  // A callback hook, not an async one: it runs on every request and has nothing to wait for.
  app.addHook('onRequest', (request, reply, done) => {
    const config = request.routeOptions.config;
    if (config?.unlimited) return done();
    const limiter = app.tenant.limiter;
    const global = limiter.take('global', 'tenant');
    if (global && !global.allowed) return sendRateLimited(reply, global);
    const own = config?.rateLimit
      ? limiter.take(config.rateLimit.id, config.rateLimit.key === 'ip' ? request.ip : 'any')
      : undefined;
    if (own && !own.allowed) return sendRateLimited(reply, own);
    const shown = own ?? global;
    if (shown) writeRateLimitHeaders(reply, shown);
    done();
  });
}
