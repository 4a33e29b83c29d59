import type { ExpectedFailureOutcome } from '../lib/k6-and-node/expected-failures.ts';
import type { UnexpectedResponse } from './unexpected-responses.ts';
// summary.json, the harness's own record of a run (schema documented in README.md). Later versions
// add fields; they never rename or remove one.

type CheckSeverity = 'failure' | 'warning';

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
  /** The load flow or flow steps the first failure was seen in. */
  flow?: string;
  /** The HTTP status of the response the first failure was seen on; 0 when none arrived. */
  httpStatus?: number;
  /** Set when the failure says nothing about the server: no response arrived, or the check or flow threw. */
  cause?: 'transport' | 'exception';
  /** k6's error text for a transport failure. */
  transportError?: string;
  /** Why the check could not be judged (it had no evidence); such a check neither passed nor failed. */
  notRun?: string;
}

type CellStatus = 'passed' | 'failed' | 'not_applicable' | 'skipped';

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
  /** The measured requests k6 counted as failed, by credential method, flow and status (needs the JSON output). */
  unexpectedResponses?: Omit<UnexpectedResponse, 'endpoint'>[];
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
  /** The metric's value the expression was held to (e.g. the p(95) or the rate), when k6 reported it. */
  observed?: number;
  /** The `endpoint` tag of the metric key, for a per-endpoint threshold. */
  endpoint?: string;
}

/** How many of each the run holds; every report counts from the same list (reports/report-tests.ts). */
export interface RunCounts {
  /** A check is one check id judged on one endpoint with one credential method: one JUnit case, one Allure test. */
  checks: {
    total: number;
    passed: number;
    failed: number;
    broken: number;
    warned: number;
    notRun: number;
    expectedFailures: number;
  };
  /** How many times the checks were evaluated in all (k6's `checks` metric): a check runs once per request it judges. */
  evaluations: number;
  /** Every test in junit.xml and in the Allure report: the checks, each endpoint's latency when thresholds judge it, run-wide thresholds, matrix cells not run, and an incomplete run. */
  tests: { total: number; passed: number; failed: number; broken: number; skipped: number };
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
  /** Absent in summaries written before it existed. */
  counts?: RunCounts;
  /** One runner of a split run: its k6 execution segment, e.g. `1/3:2/3` (its figures are that share of the load). */
  segment?: string;
  /** A merged run (`report --merge`, `run --local-runners`): the runners whose results it merges. */
  runners?: RunnerRow[];
}

/** A runner of a merged run. */
export interface RunnerRow {
  /** Its raw folder, relative to the merged run's output folder. */
  raw: string;
  /** Its k6 execution segment, when its run.json records one. */
  segment?: string;
  engine: string;
  startedAt: string;
  durationMs: number;
  /** The requests its k6 summary counted (http_reqs, setup included); absent when it left no summary. */
  requests?: number;
  /** Why it did not complete, when it did not. */
  incomplete?: string;
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
  /** Why the search could not complete (a step failed for a reason other than the rate, or none held). */
  incomplete?: string;
  steps: FindMaxStep[];
}
