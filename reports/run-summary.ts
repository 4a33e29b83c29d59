import type { ExpectedFailureOutcome } from '../lib/expected-failures.ts';
// summary.json, the harness's own record of a run (schema documented in README.md). Later versions
// add fields; they never rename or remove one.

export type CheckSeverity = 'failure' | 'warning';

export interface CheckRow {
  id: string;
  endpoint: string;
  credential: string | null;
  severity: CheckSeverity;
  passes: number;
  fails: number;
  /** The first failure's message, null when the check never failed. */
  message: string | null;
  /** Why this failure is expected (--expected-failures); such a row does not fail the run. */
  expectedFailure?: string;
}

export type CellStatus = 'passed' | 'failed' | 'not_applicable' | 'skipped';

export interface MatrixCellRow {
  endpoint: string;
  credential: string;
  status: CellStatus;
  reason?: string;
}

export interface EndpointRow {
  endpoint: string;
  requests: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  errorRate: number;
  rps: number;
}

/**
 * The load a run applied (`{name, rate, duration, …}`), so a baseline is only ever compared with a
 * run of the same shape; null for conformance, which applies no load.
 */
export type LoadShape = { name: string } & Record<string, string | number | boolean | null>;

export interface ThresholdRow {
  /** The metric key as written in the script, e.g. `http_req_duration{endpoint:POST /oauth/token}`. */
  metric: string;
  /** e.g. `p(95)<300`. */
  expression: string;
  ok: boolean;
}

export interface RunSummary {
  schemaVersion: 1;
  suite: string;
  target: string;
  engine: string;
  profile: string;
  startedAt: string;
  durationMs: number;
  ok: boolean;
  checks: CheckRow[];
  matrix: MatrixCellRow[];
  endpoints: EndpointRow[];
  /** Load suite: correctness under load, from the sampled conformance checks. */
  load?: { conformanceSamples: number; conformanceErrorRate: number };
  /** Rate-limit suite: per driven endpoint, the request number of the first 429 against the documented burst. */
  rateLimits?: RateLimitRow[];
  /** Load suite with --find-max: the maximum sustainable rate per flow and the runs behind it. */
  findMax?: FindMaxResult[];
  /** Why the run could not complete, when it could not (engine crash, interrupted, …). */
  incomplete?: string;
  /** Each --expected-failures entry: failed_as_expected, stale (it passes now) or not_run. */
  expectedFailures?: ExpectedFailureOutcome[];
  /** Absent in summaries written before it existed; read absent as null. */
  loadShape?: LoadShape | null;
  /** Every threshold the script declared, with whether it held. */
  thresholds?: ThresholdRow[];
}

export interface RateLimitRow {
  endpoint: string;
  /** null when the endpoint was not driven. */
  documentedBurst: number | null;
  /** Request number of the first 429, null when none came. */
  first429At: number | null;
  /** Why the endpoint was not driven (not offered by the target, not configured, above the rate ceiling). */
  skipped?: string;
}

export interface FindMaxStep {
  /** Iterations per second of the flow in this step. */
  rate: number;
  ok: boolean;
  /** Why the step breached: a threshold crossed, 429s, or an incomplete run. */
  reason?: string;
  p95Ms: number;
  errorRate: number;
  rejected429: number;
  /** The step's k6 summary, relative to the output folder (raw/find-max/<flow>-<rate>/k6-summary.json). */
  raw: string;
}

export interface FindMaxResult {
  flow: string;
  /** Highest rate (iterations/s) that held every threshold without a 429; 0 when none did. */
  maxSustainableRate: number;
  /** True when no step breached before the rate ceiling or the step budget. */
  ceilingReached: boolean;
  steps: FindMaxStep[];
}
