// Load shapes as k6 users know them (k6 docs, "API load testing" test types), turned into k6
// scenarios: one scenario per flow and phase, so each flow gets its share of the rate and every
// request carries a `phase` tag. Only `measured` requests make the per-endpoint figures and
// thresholds; ramp-up, warm-up and ramp-down are tagged and left out.

export const SHAPES = ['smoke', 'average', 'stress', 'spike', 'soak', 'breakpoint'] as const;
export type Shape = (typeof SHAPES)[number];
export type Model = 'open' | 'closed';
export type Phase = 'warmup' | 'ramp-up' | 'measured' | 'ramp-down';
export const MEASURED: Phase = 'measured';

export interface ShapeDefaults {
  /** Iterations per second across all flows (open model) or VUs (closed model). */
  rate: number;
  /** Length of the measured phase, seconds. */
  durationS: number;
}

/** A phase in seconds and target rate: `from` → `to` over `seconds`. */
interface PhasePlan {
  phase: Phase;
  seconds: number;
  from: number;
  to: number;
}

export const SHAPE_DEFAULTS: Record<Shape, ShapeDefaults> = {
  smoke: { rate: 2, durationS: 10 },
  average: { rate: 20, durationS: 300 },
  stress: { rate: 40, durationS: 300 },
  spike: { rate: 100, durationS: 60 },
  soak: { rate: 20, durationS: 3600 },
  breakpoint: { rate: 200, durationS: 600 },
};

function plan(shape: Shape, rate: number, d: number): PhasePlan[] {
  const ramp = (fraction: number) => Math.max(1, Math.round(d * fraction));
  switch (shape) {
    // A short warm-up (connections, JIT, caches), then the minimal load.
    case 'smoke':
      return [
        { phase: 'warmup', seconds: Math.min(2, ramp(0.2)), from: rate, to: rate },
        { phase: MEASURED, seconds: d, from: rate, to: rate },
      ];
    // Ramp to the normal (average) or above-normal (stress) rate, hold it, ramp down.
    case 'average':
    case 'stress':
    case 'soak':
      return [
        { phase: 'ramp-up', seconds: ramp(shape === 'soak' ? 0.05 : 0.2), from: 0, to: rate },
        { phase: MEASURED, seconds: d, from: rate, to: rate },
        { phase: 'ramp-down', seconds: ramp(0.05), from: rate, to: 0 },
      ];
    // No warm-up: straight to the peak, a short hold (what is measured), and back down.
    case 'spike':
      return [
        { phase: 'ramp-up', seconds: ramp(0.1), from: 0, to: rate },
        { phase: MEASURED, seconds: d, from: rate, to: rate },
        { phase: 'ramp-down', seconds: ramp(0.1), from: rate, to: 0 },
      ];
    // One long ramp to a rate the system should not bear: all of it is measured; the thresholds'
    // abortOnFail ends it at the breaking point.
    case 'breakpoint':
      return [{ phase: MEASURED, seconds: d, from: 1, to: rate }];
  }
}

export interface FlowShare {
  flow: string;
  /** Share of the total rate, 0–1. */
  share: number;
}

export interface ShapeRequest {
  shape: Shape;
  model: Model;
  rate: number;
  durationS: number;
  mix: FlowShare[];
  /** The most VUs one arrival-rate scenario may use (open model). */
  maxVUs: number;
  /** The processes the run is split between (execution segments), each taking its share of the VUs. */
  runners: number;
}

type K6Scenario = Record<string, unknown>;

function round(value: number): number {
  return Math.max(0, Math.round(value * 1000) / 1000);
}

/** The k6 `scenarios` option for a shape: one scenario per flow × phase, started one after the other. */
export function shapeScenarios(req: ShapeRequest): Record<string, K6Scenario> {
  const scenarios: Record<string, K6Scenario> = {};
  const phases = plan(req.shape, req.rate, req.durationS);
  for (const { flow, share } of req.mix) {
    let start = 0;
    for (const p of phases) {
      const from = round(p.from * share);
      const to = round(p.to * share);
      const common = { exec: flow, startTime: `${start}s`, tags: { phase: p.phase, flow }, gracefulStop: '5s' };
      const name = `${flow}_${p.phase.replace('-', '_')}`;
      // VUs for one second of iterations at the scenario's own peak rate: a VU per iteration in
      // flight when an iteration takes up to a second; k6 adds more, up to maxVUs, when they are slower.
      // k6 shares the VUs out between execution segments as it shares the rate, so each runner of a
      // split run gets its own; a runner left with none drops its iterations until one starts.
      const perRunner = Math.max(2, Math.ceil(Math.max(from, to) / req.runners));
      const preAllocatedVUs = Math.min(req.maxVUs, perRunner * req.runners);
      if (req.model === 'open') {
        // Arrival rates are iterations per timeUnit; 1 s with fractional rates loses precision below 1,
        // so rates are expressed per minute.
        scenarios[name] =
          from === to
            ? {
                executor: 'constant-arrival-rate',
                rate: Math.max(1, Math.round(to * 60)),
                timeUnit: '1m',
                duration: `${p.seconds}s`,
                preAllocatedVUs,
                maxVUs: req.maxVUs,
                ...common,
              }
            : {
                executor: 'ramping-arrival-rate',
                startRate: Math.round(from * 60),
                timeUnit: '1m',
                stages: [{ target: Math.round(to * 60), duration: `${p.seconds}s` }],
                preAllocatedVUs,
                maxVUs: req.maxVUs,
                ...common,
              };
      } else {
        const vus = (n: number) => Math.max(1, Math.round(n));
        scenarios[name] =
          from === to
            ? { executor: 'constant-vus', vus: vus(to), duration: `${p.seconds}s`, ...common }
            : {
                executor: 'ramping-vus',
                startVUs: Math.round(from),
                stages: [{ target: Math.round(to), duration: `${p.seconds}s` }],
                ...common,
              };
      }
      start += p.seconds;
    }
  }
  return scenarios;
}

/** Seconds from the start of the run to the end of its last phase. */
export function shapeLengthS(shape: Shape, durationS: number): number {
  return plan(shape, 1, durationS).reduce((sum, p) => sum + p.seconds, 0);
}
