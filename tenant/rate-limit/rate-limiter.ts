import { PLAN_LIMITS } from './plans.ts';
import type { Limit, LimitId, LimitOverrides, Plan } from './rate-limit-settings.ts';
import { TokenBucket, type BucketDecision } from './token-bucket.ts';

export interface LimitedDecision extends BucketDecision {
  bucket: LimitId;
}

/** One bucket per limit id and key (IP, user, IP+email…), as Auth0 keys its limits (docs/auth0-api.md §4.1). */
export class RateLimiter {
  private limits: Record<LimitId, Limit | null>;
  private buckets = new Map<string, TokenBucket>();

  constructor(
    private plan: Plan,
    private overrides: LimitOverrides = {},
  ) {
    this.limits = this.resolve();
  }

  configure(plan: Plan | undefined, overrides: LimitOverrides | undefined): void {
    if (plan) this.plan = plan;
    if (overrides) this.overrides = overrides;
    this.limits = this.resolve();
    this.buckets.clear();
  }

  describe(): { plan: Plan; limits: Record<LimitId, Limit | null> } {
    return { plan: this.plan, limits: { ...this.limits } };
  }

  limit(id: LimitId): Limit | null {
    return this.limits[id];
  }

  private resolve(): Record<LimitId, Limit | null> {
    return { ...PLAN_LIMITS[this.plan], ...this.overrides } as Record<LimitId, Limit | null>;
  }

  /** Takes a token from the bucket; undefined when this limit does not exist on the plan. */
  take(id: LimitId, key: string): LimitedDecision | undefined {
    const limit = this.limits[id];
    if (!limit) return undefined;
    const name = `${id}\u0000${key}`;
    let bucket = this.buckets.get(name);
    if (!bucket) {
      if (this.buckets.size > 100_000) this.forgetFullBuckets();
      bucket = new TokenBucket(limit);
      this.buckets.set(name, bucket);
    }
    // Extended in place: V8 would give a spread copy a hidden class of its own on every request.
    const decision = bucket.take() as LimitedDecision;
    decision.bucket = id;
    return decision;
  }

  private forgetFullBuckets(): void {
    for (const [name, bucket] of this.buckets) if (bucket.isFull()) this.buckets.delete(name);
  }
}
