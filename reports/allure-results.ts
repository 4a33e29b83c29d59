import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Status, type Label, type Link, type StatusDetails } from 'allure-js-commons';
import type { ExecutorInfo } from 'allure-js-commons/sdk';
import { ReporterRuntime } from 'allure-js-commons/sdk/reporter';
import { checkCatalogue } from '../checks/catalogue.ts';
import type { Finding } from '../lib/k6-and-node/result-protocol.ts';
import { allureCategories } from './allure-categories.ts';
import { checkReference } from './check-reference.ts';
import { defectMessage } from './defect-message.ts';
import { httpMessage } from './http-message.ts';
import { latencyChartSvg } from './latency-chart.ts';
import type { Timeline } from './metrics-timeline.ts';
import type { ReportTest, TestStatus } from './report-tests.ts';
import { ResultsFolderWriter } from './results-folder-writer.ts';
import type { LoadShape, RunSummary } from './run-summary.ts';

// Allure result files, written by allure-js's own writer (allure-js-commons' ReporterRuntime and
// FileSystemWriter, without its fsync per result: results-folder-writer.ts): one result per test of
// reports/report-tests.ts, attachments beside them, environment.properties and categories.json.
// epic = suite, feature = endpoint, story = check id. A test's start and stop are when it ran
// (reports/check-timing.ts); a run without JSON output has no timing, and its tests show as instants
// at the run's start.

export interface AllureContext {
  summary: RunSummary;
  tests: readonly ReportTest[];
  findings: Finding[];
  /** Per-endpoint latency over time, when the engine wrote its JSON output. */
  timeline?: Timeline;
  /** Harness version (package.json). */
  harnessVersion: string;
  /** Number of this run in the report's history (shown on the trend charts' axis). */
  buildOrder: number;
}

const ALLURE_STATUS: Record<TestStatus, Status> = {
  passed: Status.PASSED,
  failed: Status.FAILED,
  broken: Status.BROKEN,
  skipped: Status.SKIPPED,
};

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

function statusDetails(test: ReportTest): StatusDetails {
  if (!test.message) return {};
  // The message groups a defect (no counts or random values); the trace keeps what this run saw.
  return { message: defectMessage(test.message), ...(test.detail ? { trace: test.detail } : {}) };
}

function labels(summary: RunSummary, test: ReportTest): Label[] {
  const severity = test.check ? (test.check.severity === 'failure' ? 'critical' : 'minor') : 'normal';
  return [
    { name: 'epic', value: summary.suite },
    { name: 'parentSuite', value: `auth0-harness ${summary.suite}` },
    { name: 'feature', value: test.group },
    { name: 'suite', value: test.group },
    { name: 'story', value: test.check?.id ?? (test.kind === 'cell' ? 'matrix cell' : test.kind) },
    { name: 'severity', value: severity },
    ...(test.credential ? [{ name: 'subSuite', value: test.credential }] : []),
  ];
}

function description(test: ReportTest): string | undefined {
  const check = test.check && checkCatalogue.get(test.check.id);
  if (check) {
    const reference = checkReference(check.ref);
    return [check.title, ...(reference.text ? [`Reference: ${reference.text}`] : []), test.detail ?? '']
      .filter(Boolean)
      .join('\n\n');
  }
  return test.detail;
}

function links(test: ReportTest): Link[] {
  const check = test.check && checkCatalogue.get(test.check.id);
  return check ? checkReference(check.ref).links.map((l) => ({ ...l, type: 'link' })) : [];
}

class AllureWriter {
  private readonly runtime: ReporterRuntime;
  constructor(
    dir: string,
    private readonly ctx: AllureContext,
  ) {
    this.runtime = new ReporterRuntime({
      writer: new ResultsFolderWriter(dir),
      categories: allureCategories,
      environmentInfo: runEnvironment(ctx),
    });
  }

  write(test: ReportTest): void {
    const { summary } = this.ctx;
    const runStart = Date.parse(summary.startedAt);
    const start = test.span?.start ?? runStart;
    const stop = test.span?.stop ?? start;
    const uuid = this.runtime.startTest({
      name: test.name,
      fullName: test.fullName,
      // Stable across runs: Allure keys history, trends and retries on them.
      historyId: md5(test.fullName),
      testCaseId: md5(test.fullName),
      description: description(test),
      status: ALLURE_STATUS[test.status],
      statusDetails: statusDetails(test),
      labels: labels(summary, test),
      links: links(test),
      parameters: [
        ...(test.credential ? [{ name: 'credential method', value: test.credential }] : []),
        { name: 'profile', value: summary.profile },
        { name: 'engine', value: summary.engine },
      ],
      start,
    });
    if (test.kind === 'check') this.writeExchange(uuid, test, start, stop);
    if (test.kind === 'latency') this.writeChart(uuid, test);
    this.runtime.stopTest(uuid, { stop });
    this.runtime.writeTest(uuid);
  }

  /** A failed check's flow as steps, the redacted exchange hanging off the step that failed. */
  private writeExchange(uuid: string, test: ReportTest, start: number, stop: number): void {
    const row = test.check;
    if (!row || row.fails === 0) return;
    const finding = this.ctx.findings.find(
      (f) => f.checkId === row.id && f.endpoint === row.endpoint && f.credential === row.credential && !f.notRun,
    );
    if (!finding) return;
    const names = (finding.flow ?? '').split(/\s*→\s*/).filter(Boolean);
    let parent: string | undefined;
    names.forEach((name, i) => {
      const last = i === names.length - 1;
      const step = this.runtime.startStep(uuid, undefined, {
        name,
        start,
        status: last ? ALLURE_STATUS[test.status] : Status.PASSED,
        statusDetails: last ? statusDetails(test) : {},
      });
      if (last) parent = step;
      else if (step) this.runtime.stopStep(step, { stop: start });
    });
    const attach = (name: string, text: string) =>
      this.runtime.writeAttachment(uuid, parent ?? null, name, Buffer.from(text), {
        contentType: 'text/plain',
        fileExtension: 'txt',
      });
    if (finding.request) attach('request (redacted)', httpMessage.request(finding.request));
    if (finding.response) attach('response (redacted)', httpMessage.response(finding.response));
    if (parent) this.runtime.stopStep(parent, { stop });
  }

  private writeChart(uuid: string, test: ReportTest): void {
    const timeline = this.ctx.timeline;
    const series = timeline?.endpoints.find((e) => e.endpoint === test.endpoint);
    if (!timeline || !series) return;
    const svg = latencyChartSvg(series, { phases: timeline.phases, thresholds: test.thresholds ?? [] });
    this.runtime.writeAttachment(uuid, null, 'latency and rate over time', Buffer.from(svg), {
      contentType: 'image/svg+xml',
      fileExtension: 'svg',
    });
  }

  finish(): void {
    this.runtime.writeEnvironmentInfo();
    this.runtime.writeCategoriesDefinitions();
  }
}

/** `name smoke; rate 2; mix a=0.5, b=0.5`: words and spaces, so the overview's narrow column wraps it. */
function loadShapeText(shape: LoadShape): string {
  return Object.entries(shape)
    .map(([key, value]) => `${key} ${String(value).replace(/,/g, ', ')}`)
    .join('; ');
}

/** environment.properties: what ran, where and how (shown on the report's overview). */
export function runEnvironment(ctx: AllureContext): Record<string, string> {
  const { summary } = ctx;
  return {
    suite: summary.suite,
    target: summary.target,
    engine: summary.engine,
    harness: ctx.harnessVersion,
    node: process.version,
    profile: summary.profile,
    'load shape': summary.loadShape ? loadShapeText(summary.loadShape) : 'none (conformance)',
    started: summary.startedAt,
    ...(summary.incomplete ? { incomplete: summary.incomplete } : {}),
    ...(summary.segment ? { segment: `${summary.segment} (one runner of a split run)` } : {}),
    ...(summary.runners
      ? {
          runners: `${summary.runners.length} merged: ${summary.runners.map((r) => (r.segment ? `${r.raw} (${r.segment})` : r.raw)).join(', ')}`,
        }
      : {}),
  };
}

/** executor.json: a CI run links back to its build; a local run is named after the suite and time. */
function executor(ctx: AllureContext): ExecutorInfo {
  const { summary } = ctx;
  const env = process.env;
  const base = {
    buildOrder: ctx.buildOrder,
    buildName: `${summary.suite} #${ctx.buildOrder} ${summary.startedAt}`,
    reportName: `auth0-harness ${summary.suite}`,
  };
  if (env.GITHUB_ACTIONS && env.GITHUB_RUN_ID) {
    const server = env.GITHUB_SERVER_URL ?? 'https://github.com';
    return {
      ...base,
      name: 'GitHub Actions',
      type: 'github',
      buildUrl: `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`,
    };
  }
  return { ...base, name: 'auth0-harness', type: 'auth0-harness' };
}

export function writeAllureResults(dir: string, ctx: AllureContext): void {
  mkdirSync(dir, { recursive: true });
  const writer = new AllureWriter(dir, ctx);
  for (const test of ctx.tests) writer.write(test);
  writer.finish();
  // allure-js-commons writes results, attachments, environment and categories; executor.json, which
  // only the Allure 2 report reads, is not among them.
  writeFileSync(path.join(dir, 'executor.json'), JSON.stringify(executor(ctx), null, 2));
}
