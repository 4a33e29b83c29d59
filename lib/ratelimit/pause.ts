/** Waits without blocking the event loop: k6 (>= 1.0) and the local engine both have setTimeout. */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
