import type { Limit } from './rate-limit-settings.ts';

const UNIT_MS = { second: 1000, minute: 60_000, hour: 3_600_000 } as const;

export interface BucketDecision {
  allowed: boolean;
  limit: number;
  /** Whole tokens left after this request. */
  remaining: number;
  /** Epoch milliseconds at which the next token is added (now when the bucket is full). */
  resetAtMs: number;
}

/**
 * Continuous-refill token bucket (docs/auth0-api.md §4.1: burst = size, sustained = refill). The
 * same section notes the worked examples describe top-of-window refill instead; the continuous form
 * is what the policy text says, and checks are written to tolerate either.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;
  private readonly msPerToken: number;

  constructor(
    readonly limit: Limit,
    now = Date.now(),
  ) {
    this.tokens = limit.burst;
    this.updatedAt = now;
    this.msPerToken = UNIT_MS[limit.per] / limit.rate;
  }

  private refill(now: number): void {
    if (now <= this.updatedAt) return;
    this.tokens = Math.min(this.limit.burst, this.tokens + (now - this.updatedAt) / this.msPerToken);
    this.updatedAt = now;
  }

  take(now = Date.now()): BucketDecision {
    this.refill(now);
    const allowed = this.tokens >= 1;
    if (allowed) this.tokens -= 1;
    const full = this.tokens >= this.limit.burst;
    const fraction = this.tokens - Math.floor(this.tokens);
    return {
      allowed,
      limit: this.limit.burst,
      remaining: Math.floor(this.tokens),
      resetAtMs: full ? now : now + Math.ceil((1 - fraction) * this.msPerToken),
    };
  }

  /** True when a full bucket has been idle long enough to be forgotten. */
  isFull(now = Date.now()): boolean {
    this.refill(now);
    return this.tokens >= this.limit.burst;
  }
}
