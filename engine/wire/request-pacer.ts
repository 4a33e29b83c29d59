/**
 * k6's `rps` option: at most this many requests a second, across the VUs that share this pacer. Each
 * request takes the next free slot on an even schedule, waiting for it if the slot lies ahead, so a
 * burst is spread out rather than let through and then stalled.
 */
export class RequestPacer {
  private readonly intervalMs: number;
  private nextSlot = 0;

  constructor(perSecond: number) {
    this.intervalMs = 1000 / perSecond;
  }

  /** Undefined when the request may go now; otherwise a promise that resolves at its slot. */
  slot(): Promise<void> | undefined {
    const now = performance.now();
    const at = Math.max(now, this.nextSlot);
    this.nextSlot = at + this.intervalMs;
    if (at - now < 1) return undefined;
    return new Promise((resolve) => setTimeout(resolve, at - now));
  }
}
