import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { writeAllureResults } from './allure-results.ts';
import { generateAllureHtml, nextBuildOrder, type AllureHtmlOutcome } from './allure-html.ts';
import { buildSummary } from './build-summary.ts';
import { junitXml } from './junit.ts';
import type { KnownSecret } from './known-secrets.ts';
import { latencyPageHtml } from './latency-page.ts';
import type { Timeline } from './metrics-timeline.ts';
import { RAW_METRICS_FILE, readRawResults, type RawResults } from './raw-results.ts';
import { reportTests } from './report-tests.ts';
import type { RunFacts } from './run-facts.ts';
import { readRunMetrics, type RunMetrics } from './run-metrics.ts';
import type { RunSummary } from './run-summary.ts';
import { scrubOutputFolder } from './scrub-output.ts';
import { harnessVersion } from './harness-version.ts';

export interface WrittenReports {
  summary: RunSummary;
  allure: AllureHtmlOutcome;
  /** Absent when the engine wrote no JSON output (then there is no latency chart). */
  timeline?: Timeline;
  /** Files the final scrub had to change (each one a redaction gap upstream), relative to out/. */
  scrubbed: string[];
}

const SUMMARY_FILE = 'summary.json';
const LATENCY_PAGE_FILE = 'latency.html';

/** What the reports are made of: what ran, its raw results and what its JSON output held. */
export interface ReportSource {
  facts: RunFacts;
  raw: RawResults;
  metrics?: RunMetrics;
}

/**
 * Turns <out>/raw into summary.json, junit.xml, latency.html, allure-results/ and allure-report/,
 * then scrubs everything under <out> of the secrets the run was given.
 */
export async function writeReports(
  outDir: string,
  facts: RunFacts,
  secrets: readonly KnownSecret[],
): Promise<WrittenReports> {
  const rawDir = path.join(outDir, 'raw');
  const raw = readRawResults(rawDir);
  const metrics = await readRunMetrics(path.join(rawDir, RAW_METRICS_FILE));
  return writeReportsFrom(outDir, { facts, raw, metrics }, secrets);
}

/** The same reports from results read elsewhere (the runners of a split run, merged). */
export async function writeReportsFrom(
  outDir: string,
  { facts, raw, metrics }: ReportSource,
  secrets: readonly KnownSecret[],
): Promise<WrittenReports> {
  const timeline = metrics?.timeline;
  const summary = buildSummary(facts, raw, metrics);
  const tests = reportTests(summary, metrics?.timing);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, SUMMARY_FILE), `${JSON.stringify(summary, null, 2)}\n`);
  writeFileSync(path.join(outDir, 'junit.xml'), junitXml(summary, tests));
  const latencyPage = path.join(outDir, LATENCY_PAGE_FILE);
  if (timeline?.endpoints.length) writeFileSync(latencyPage, latencyPageHtml(summary, timeline));
  else rmSync(latencyPage, { force: true });

  const resultsDir = path.join(outDir, 'allure-results');
  const reportDir = path.join(outDir, 'allure-report');
  rmSync(resultsDir, { recursive: true, force: true });
  writeAllureResults(resultsDir, {
    summary,
    tests,
    findings: raw.findings,
    timeline,
    harnessVersion: harnessVersion(),
    buildOrder: nextBuildOrder(reportDir),
  });
  // Scrub before the HTML is generated from the results, and the HTML after.
  const scrubbed = await scrubOutputFolder(outDir, secrets, (relative) => !relative.startsWith('allure-report'));
  const allure = generateAllureHtml(resultsDir, reportDir);
  scrubbed.push(...(await scrubOutputFolder(outDir, secrets, (relative) => relative.startsWith('allure-report'))));
  return { summary: scrubbedSummary(outDir, summary, scrubbed), allure, timeline, scrubbed };
}

// The summary returned for the terminal must be the scrubbed one, if the scrub touched it.
function scrubbedSummary(outDir: string, summary: RunSummary, scrubbed: string[]): RunSummary {
  return scrubbed.includes(SUMMARY_FILE)
    ? (JSON.parse(readFileSync(path.join(outDir, SUMMARY_FILE), 'utf8')) as RunSummary)
    : summary;
}
