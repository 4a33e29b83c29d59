import {
  appendFileSync,
  copyFileSync,
  createReadStream,
  createWriteStream,
  existsSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { constants, createGunzip, createGzip } from 'node:zlib';
import {
  RAW_FINDINGS_FILE,
  RAW_LOAD_SHAPE_FILE,
  RAW_METRICS_FILE,
  RAW_SUMMARY_FILE,
  type K6SummaryData,
  type K6SummaryMetric,
} from '../reports/raw-results.ts';
import type { LoadShape } from '../reports/run-summary.ts';

// The raw results of a --find-max run, from which the usual reports are built: each flow's reported
// step (its best sustained one) gives its metrics, checks, findings and JSON output, as if that step
// had been the run; a step that failed for a reason other than the rate adds its checks and findings,
// so the failure shows in every report. Breaching steps add nothing: their 429s and crossed
// thresholds are the search's signal, kept in their own folders and in summary.json's findMax[].

export interface ReportedStep {
  flow: string;
  rate: number;
  /** The step's raw folder (raw/find-max/<flow>-<rate>/). */
  dir: string;
}

/** When several flows were searched, their endpoints are told apart: `POST /oauth/token · password_realm`. */
const flowEndpoint = (endpoint: string, flow: string) => `${endpoint} · ${flow}`;

const ENDPOINT_IN_KEY = /\{endpoint:([^,}]+)/;
const ENDPOINT_TAG = /"endpoint":"((?:[^"\\]|\\.)*)"/;

function readSummary(dir: string): K6SummaryData | undefined {
  const file = path.join(dir, RAW_SUMMARY_FILE);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as K6SummaryData) : undefined;
}

/**
 * Adds a step's metrics. Endpoint metrics are the step's own (named apart per flow when several
 * flows share the report); rates and counters of several steps add up; other metrics of several
 * steps are left out, as percentiles of separate runs cannot be combined (the reports read the
 * endpoint metrics only).
 */
function addMetrics(into: Record<string, K6SummaryMetric>, from: Record<string, K6SummaryMetric>, flow?: string) {
  for (const [key, metric] of Object.entries(from)) {
    const name = flow ? key.replace(ENDPOINT_IN_KEY, (_, e: string) => `{endpoint:${flowEndpoint(e, flow)}`) : key;
    const held = into[name];
    if (!held) {
      into[name] = structuredClone(metric);
      continue;
    }
    const thresholds = Object.fromEntries(
      Object.entries(held.thresholds ?? {}).map(([expr, t]) => [
        expr,
        { ok: t.ok && (metric.thresholds?.[expr]?.ok ?? true) },
      ]),
    );
    if (metric.type === 'rate') {
      const passes = (held.values.passes ?? 0) + (metric.values.passes ?? 0);
      const fails = (held.values.fails ?? 0) + (metric.values.fails ?? 0);
      into[name] = {
        ...held,
        values: { passes, fails, rate: passes + fails ? passes / (passes + fails) : 0 },
        thresholds,
      };
    } else if (metric.type === 'counter') {
      into[name] = { ...held, values: { count: (held.values.count ?? 0) + (metric.values.count ?? 0) }, thresholds };
    } else delete into[name];
  }
}

/** The step's JSON output, its endpoint tags named after the flow, appended as one more gzip member. */
async function appendMetrics(from: string, to: string, flow: string): Promise<void> {
  let rest = '';
  const rewrite = (line: string) =>
    line.includes('"Point"')
      ? line.replace(
          ENDPOINT_TAG,
          (_, e: string) => `"endpoint":${JSON.stringify(flowEndpoint(JSON.parse(`"${e}"`), flow))}`,
        )
      : line;
  await pipeline(
    createReadStream(from),
    // An interrupted step leaves its gzip stream unterminated: a sync flush yields what it holds.
    createGunzip({ finishFlush: constants.Z_SYNC_FLUSH }),
    async function* (chunks: AsyncIterable<Buffer>) {
      for await (const chunk of chunks) {
        const lines = (rest + chunk.toString('utf8')).split('\n');
        rest = lines.pop() ?? '';
        yield lines.map((l) => `${rewrite(l)}\n`).join('');
      }
      if (rest) yield `${rewrite(rest)}\n`;
    },
    createGzip(),
    createWriteStream(to, { flags: 'a' }),
  );
}

function loadShapeOf(reported: ReportedStep[], env: Record<string, string>): LoadShape {
  const first = reported[0] && path.join(reported[0].dir, RAW_LOAD_SHAPE_FILE);
  const step = first && existsSync(first) ? (JSON.parse(readFileSync(first, 'utf8')) as LoadShape) : undefined;
  return {
    name: 'find-max',
    model: step?.model ?? 'open',
    // Every step's measured phase lasts this long: the reports' request rates are per measured second.
    durationS: step?.durationS ?? Number(env.HARNESS_LOAD_DURATION_S ?? 5),
    found: reported.map((r) => `${r.flow}=${r.rate}/s`).join(','),
    sampleEvery: step?.sampleEvery ?? 20,
    connectionReuse: step?.connectionReuse ?? true,
  };
}

/** Writes raw/k6-summary.json, findings.ndjson, load-shape.json and the JSON metrics of a find-max run. */
export async function writeFindMaxRawResults(
  rawDir: string,
  reported: ReportedStep[],
  failed: ReportedStep[],
  env: Record<string, string>,
): Promise<void> {
  const severalFlows = new Set(reported.map((r) => r.flow)).size > 1;
  const merged: K6SummaryData = {
    state: { testRunDurationMs: 0 },
    metrics: {},
    root_group: { name: '', path: '', groups: [], checks: [] },
  };
  const metricsFile = path.join(rawDir, RAW_METRICS_FILE);
  for (const step of [...reported, ...failed]) {
    const summary = readSummary(step.dir);
    if (summary) {
      merged.root_group.checks.push(...summary.root_group.checks);
      merged.root_group.groups.push(...summary.root_group.groups);
    }
    const findings = path.join(step.dir, RAW_FINDINGS_FILE);
    if (existsSync(findings)) appendFileSync(path.join(rawDir, RAW_FINDINGS_FILE), readFileSync(findings));
  }
  for (const step of reported) {
    const summary = readSummary(step.dir);
    if (summary) {
      merged.state.testRunDurationMs += summary.state.testRunDurationMs;
      addMetrics(merged.metrics, summary.metrics, severalFlows ? step.flow : undefined);
    }
    const metrics = path.join(step.dir, RAW_METRICS_FILE);
    if (!existsSync(metrics)) continue;
    if (severalFlows) await appendMetrics(metrics, metricsFile, step.flow);
    else copyFileSync(metrics, metricsFile);
  }
  writeFileSync(path.join(rawDir, RAW_SUMMARY_FILE), JSON.stringify(merged));
  writeFileSync(path.join(rawDir, RAW_LOAD_SHAPE_FILE), JSON.stringify(loadShapeOf(reported, env)));
}
