/**
 * Waits without blocking the VU's event loop: a timer promise, never k6's sleep() (the suite uses only
 * async APIs). Bounded by the caller; polling flows never wait more than their documented interval.
 */
export function wait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
