import { z } from 'zod';
import { DEVIATION_NAMES, type DeviationName } from './deviations.ts';

const Latency = z.union([
  z.number().min(0).max(60_000),
  z.object({ distribution: z.literal('uniform'), minMs: z.number().min(0), maxMs: z.number().min(0).max(60_000) }),
  z.object({ distribution: z.literal('normal'), meanMs: z.number().min(0).max(60_000), stdDevMs: z.number().min(0) }),
]);

export const FaultSettings = z.strictObject({
  latencyMs: Latency.optional(),
  errorRate5xx: z.number().min(0).max(1).optional(),
  dropRate: z.number().min(0).max(1).optional(),
  deviations: z.array(z.enum(DEVIATION_NAMES as [DeviationName, ...DeviationName[]])).optional(),
});
export type FaultSettings = z.infer<typeof FaultSettings>;

/** The faults in force. Off unless the tenant was started with fault injection enabled. */
export class Faults {
  private settings: FaultSettings = {};
  private active = new Set<DeviationName>();

  constructor(
    readonly enabled: boolean,
    initial: FaultSettings = {},
  ) {
    if (enabled) this.set(initial);
  }

  set(settings: FaultSettings): void {
    this.settings = settings;
    this.active = new Set(settings.deviations ?? []);
  }

  current(): FaultSettings {
    return this.settings;
  }

  has(name: DeviationName): boolean {
    return this.active.has(name);
  }

  /** Milliseconds to wait before answering, drawn from the configured distribution. */
  latency(): number {
    const l = this.settings.latencyMs;
    if (l === undefined) return 0;
    if (typeof l === 'number') return l;
    if (l.distribution === 'uniform') return l.minMs + Math.random() * Math.max(0, l.maxMs - l.minMs);
    // Box-Muller; clamped at zero because a delay cannot be negative.
    const gaussian = Math.sqrt(-2 * Math.log(1 - Math.random())) * Math.cos(2 * Math.PI * Math.random());
    return Math.max(0, l.meanMs + gaussian * l.stdDevMs);
  }

  shouldFail(): boolean {
    return Math.random() < (this.settings.errorRate5xx ?? 0);
  }

  shouldDrop(): boolean {
    return Math.random() < (this.settings.dropRate ?? 0);
  }

  get anyTransportFault(): boolean {
    return this.settings.latencyMs !== undefined || !!this.settings.errorRate5xx || !!this.settings.dropRate;
  }
}
