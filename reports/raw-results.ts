import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseCheckResultName, type Finding } from '../lib/k6-and-node/result-protocol.ts';
import type { LoadShape } from './run-summary.ts';

// What a suite run leaves in <out>/raw: k6's handleSummary data and the findings the scenario
// logged. The same files come from real k6 and from the local engine.

export interface K6SummaryMetric {
  type: string;
  contains: string;
  values: Record<string, number>;
  thresholds?: Record<string, { ok: boolean }>;
}

export interface K6Group {
  name: string;
  path: string;
  groups: K6Group[];
  checks: { name: string; passes: number; fails: number }[];
}

export interface K6SummaryData {
  state: { testRunDurationMs: number };
  metrics: Record<string, K6SummaryMetric>;
  root_group: K6Group;
}

export interface RawResults {
  summary?: K6SummaryData;
  findings: Finding[];
  loadShape?: LoadShape;
}

export const RAW_SUMMARY_FILE = 'k6-summary.json';
export const RAW_FINDINGS_FILE = 'findings.ndjson';
/** k6's `--out json` lines, gzipped: the per-second charts, check timing and failed requests come from it. */
export const RAW_METRICS_FILE = 'metrics.ndjson.gz';
/** Written by a load scenario's handleSummary: the shape of the load it applied (see LoadShape). */
export const RAW_LOAD_SHAPE_FILE = 'load-shape.json';

export function readRawResults(rawDir: string): RawResults {
  const summaryFile = path.join(rawDir, RAW_SUMMARY_FILE);
  const findingsFile = path.join(rawDir, RAW_FINDINGS_FILE);
  const loadShapeFile = path.join(rawDir, RAW_LOAD_SHAPE_FILE);
  const summary = existsSync(summaryFile)
    ? (JSON.parse(readFileSync(summaryFile, 'utf8')) as K6SummaryData)
    : undefined;
  const findings = existsSync(findingsFile)
    ? readFileSync(findingsFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .flatMap((line) => {
          // an interrupted engine may leave its last line cut short
          try {
            return [JSON.parse(line) as Finding];
          } catch {
            return [];
          }
        })
    : [];
  const loadShape = existsSync(loadShapeFile)
    ? (JSON.parse(readFileSync(loadShapeFile, 'utf8')) as LoadShape)
    : undefined;
  return { summary, findings, ...(loadShape ? { loadShape } : {}) };
}

/** Every check of the root group and its subgroups, as parsed result names with counts. */
export function flattenChecks(
  group: K6Group,
): { endpoint: string; credential: string | null; checkId: string; passes: number; fails: number }[] {
  const out = [];
  for (const c of group.checks) {
    const parsed = parseCheckResultName(c.name);
    if (parsed) out.push({ ...parsed, passes: c.passes, fails: c.fails });
  }
  for (const g of group.groups) out.push(...flattenChecks(g));
  return out;
}
