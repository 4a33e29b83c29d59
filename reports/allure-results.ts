import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { checkCatalogue } from '../checks/catalogue.ts';
import type { Finding } from '../lib/result-protocol.ts';
import { allureCategories } from './allure-categories.ts';
import { httpMessage } from './http-message.ts';
import { latencyChartSvg } from './latency-chart.ts';
import { realThresholds } from './real-thresholds.ts';
import type { Timeline } from './metrics-timeline.ts';
import type { CheckRow, RunSummary } from './run-summary.ts';

// Allure 2 result files, written against Allure's documented results format (one
// `<uuid>-result.json` per test, attachments beside them, and the run's environment.properties,
// executor.json and categories.json). One test per check × endpoint × credential method:
// epic = suite, feature = endpoint, story = check id.

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

type Status = 'passed' | 'failed' | 'broken' | 'skipped';

interface Attachment {
  name: string;
  source: string;
  type: string;
}

interface Step {
  name: string;
  status: Status;
  stage: 'finished';
  start: number;
  stop: number;
  statusDetails?: { message: string };
  attachments: Attachment[];
  steps: Step[];
}

export interface AllureContext {
  summary: RunSummary;
  findings: Finding[];
  /** Per-endpoint latency over time, when the engine wrote its JSON output. */
  timeline?: Timeline;
  /** Harness version (package.json). */
  harnessVersion: string;
  /** Number of this run in the report's history (shown on the trend charts' axis). */
  buildOrder: number;
}

// A failure the server did not cause: the check code threw (record-checks.ts wraps it in this
// sentence), or no HTTP response arrived at all (k6 reports status 0 for transport errors).
function isHarnessOrNetworkFailure(finding: Finding | undefined): boolean {
  if (!finding) return false;
  return finding.message.startsWith('the check itself failed') || finding.response?.status === 0;
}

function checkStatus(row: CheckRow, finding: Finding | undefined): Status {
  if (row.fails === 0) return 'passed';
  if (isHarnessOrNetworkFailure(finding)) return 'broken';
  // A warning is reported, not failed: CI stays green on it (see junit.ts), and so does Allure.
  return row.severity === 'warning' ? 'passed' : 'failed';
}

class ResultWriter {
  constructor(
    private readonly dir: string,
    private readonly ctx: AllureContext,
  ) {}

  attach(name: string, content: string, type: string, extension: string): Attachment {
    const source = `${randomUUID()}-attachment.${extension}`;
    writeFileSync(path.join(this.dir, source), content);
    return { name, source, type };
  }

  write(test: {
    fullName: string;
    name: string;
    status: Status;
    message?: string;
    description?: string;
    labels: { name: string; value: string }[];
    parameters: { name: string; value: string }[];
    steps?: Step[];
    attachments?: Attachment[];
    /** What the test measured took, when it measured over time (latency); checks are instants. */
    spansRun?: boolean;
  }): void {
    const { summary } = this.ctx;
    const start = Date.parse(summary.startedAt);
    // A check's own duration is not recorded (k6 counts checks, it does not time them): it shows
    // as an instant rather than as the length of the whole run.
    const stop = test.spansRun ? start + summary.durationMs : start;
    const uuid = randomUUID();
    const result = {
      uuid,
      // Stable across runs (the full name holds endpoint, credential and check): Allure keys
      // history, trends and retries on it.
      historyId: md5(test.fullName),
      testCaseId: md5(test.fullName),
      name: test.name,
      fullName: test.fullName,
      description: test.description,
      status: test.status,
      statusDetails: test.message ? { message: test.message } : {},
      stage: 'finished',
      start,
      stop,
      labels: [
        { name: 'epic', value: summary.suite },
        { name: 'parentSuite', value: `auth0-harness ${summary.suite}` },
        ...test.labels,
      ],
      parameters: [
        ...test.parameters,
        { name: 'profile', value: summary.profile },
        { name: 'engine', value: summary.engine },
      ],
      steps: test.steps ?? [],
      attachments: test.attachments ?? [],
    };
    writeFileSync(path.join(this.dir, `${uuid}-result.json`), JSON.stringify(result));
  }
}

/** A multi-request flow's steps (step names joined by ' → '), the last one carrying the exchange. */
function flowSteps(finding: Finding, status: Status, attachments: Attachment[], start: number, stop: number): Step[] {
  const names = (finding.flow ?? '').split(/\s*→\s*/).filter(Boolean);
  if (names.length === 0) return [];
  return names.map((name, i) => {
    const last = i === names.length - 1;
    return {
      name,
      status: last ? status : 'passed',
      stage: 'finished',
      start,
      stop,
      ...(last ? { statusDetails: { message: finding.message } } : {}),
      attachments: last ? attachments : [],
      steps: [],
    };
  });
}

function writeCheckTests(w: ResultWriter, ctx: AllureContext): void {
  const { summary } = ctx;
  const start = Date.parse(summary.startedAt);
  for (const row of summary.checks) {
    const check = checkCatalogue.get(row.id);
    const credential = row.credential ?? 'none';
    const finding = ctx.findings.find(
      (f) => f.checkId === row.id && f.endpoint === row.endpoint && f.credential === row.credential,
    );
    const status = checkStatus(row, finding);
    const attachments: Attachment[] = [];
    if (row.fails > 0 && finding?.request)
      attachments.push(w.attach('request (redacted)', httpMessage.request(finding.request), 'text/plain', 'txt'));
    if (row.fails > 0 && finding?.response)
      attachments.push(w.attach('response (redacted)', httpMessage.response(finding.response), 'text/plain', 'txt'));
    const steps = finding && row.fails > 0 ? flowSteps(finding, status, attachments, start, start) : [];
    const message = row.fails
      ? `${row.severity === 'warning' ? 'warning: ' : ''}${row.fails} of ${row.passes + row.fails} failed: ${row.message ?? finding?.message ?? ''}`
      : undefined;
    w.write({
      fullName: `${summary.suite} ${row.endpoint} ${credential} ${row.id}`,
      name: `${row.id} [${credential}]`,
      status,
      message,
      description: check ? `${check.title}\n\nReference: ${check.ref}` : undefined,
      labels: [
        { name: 'feature', value: row.endpoint },
        { name: 'story', value: row.id },
        { name: 'severity', value: row.severity === 'failure' ? 'critical' : 'minor' },
        { name: 'suite', value: row.endpoint },
        { name: 'subSuite', value: credential },
        ...(check ? [{ name: 'tag', value: check.ref }] : []),
      ],
      parameters: [{ name: 'credential method', value: credential }],
      steps,
      // With steps, the exchange hangs off the step that failed; without, off the test itself.
      attachments: steps.length ? [] : attachments,
    });
  }
}

function writeSkippedCells(w: ResultWriter, summary: RunSummary): void {
  for (const cell of summary.matrix.filter((m) => m.status === 'skipped')) {
    w.write({
      fullName: `${summary.suite} ${cell.endpoint} ${cell.credential} (cell)`,
      name: `${cell.endpoint} [${cell.credential}] not run`,
      status: 'skipped',
      message: cell.reason,
      labels: [
        { name: 'feature', value: cell.endpoint },
        { name: 'story', value: 'matrix cell' },
        { name: 'suite', value: cell.endpoint },
        { name: 'subSuite', value: cell.credential },
      ],
      parameters: [{ name: 'credential method', value: cell.credential }],
    });
  }
}

function writeLatencyTests(w: ResultWriter, ctx: AllureContext): void {
  const { summary, timeline } = ctx;
  for (const e of summary.endpoints) {
    const series = timeline?.endpoints.find((t) => t.endpoint === e.endpoint);
    const thresholds = realThresholds(summary).filter((t) => t.metric.includes(`endpoint:${e.endpoint}}`));
    const crossed = thresholds.filter((t) => !t.ok);
    w.write({
      fullName: `${summary.suite} ${e.endpoint} latency`,
      name: `latency and rate: ${e.endpoint}`,
      status: crossed.length ? 'failed' : 'passed',
      message: crossed.length
        ? `threshold crossed: ${crossed.map((t) => `${t.metric} ${t.expression}`).join(', ')}`
        : undefined,
      description: [
        `${e.requests} requests, ${e.rps.toFixed(1)} req/s; p50 ${e.p50.toFixed(2)} ms, p95 ${e.p95.toFixed(2)} ms, p99 ${e.p99.toFixed(2)} ms, max ${e.max.toFixed(2)} ms; ${(e.errorRate * 100).toFixed(2)} % unexpected statuses.`,
        ...thresholds.map((t) => `Threshold ${t.expression} on ${t.metric}: ${t.ok ? 'held' : 'crossed'}.`),
      ].join('\n\n'),
      labels: [
        { name: 'feature', value: e.endpoint },
        { name: 'story', value: 'latency' },
        { name: 'suite', value: e.endpoint },
        { name: 'subSuite', value: 'latency' },
        { name: 'severity', value: 'normal' },
      ],
      parameters: [],
      attachments: series
        ? [w.attach('latency and rate over time', latencyChartSvg(series), 'image/svg+xml', 'svg')]
        : [],
      spansRun: true,
    });
  }
}

function writeIncompleteRun(w: ResultWriter, summary: RunSummary): void {
  if (!summary.incomplete) return;
  w.write({
    fullName: `${summary.suite} run`,
    name: 'run completed',
    status: 'broken',
    message: `the run did not complete: ${summary.incomplete}`,
    labels: [
      { name: 'feature', value: 'run' },
      { name: 'story', value: 'run completed' },
      { name: 'suite', value: 'run' },
    ],
    parameters: [],
    spansRun: true,
  });
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
    'load shape': summary.loadShape ? JSON.stringify(summary.loadShape) : 'none (conformance)',
    started: summary.startedAt,
    ...(summary.incomplete ? { incomplete: summary.incomplete } : {}),
  };
}

// Java .properties: escape what the format gives meaning to, so a value reads back as written.
const propertyEscape = (s: string) =>
  s
    .replace(/\\/g, '\\\\')
    .replace(/\n/g, '\\n')
    .replace(/([=:#!])/g, '\\$1');

/** executor.json: a CI run links back to its build; a local run is named after the suite and time. */
function executor(ctx: AllureContext): Record<string, unknown> {
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
  const w = new ResultWriter(dir, ctx);
  writeCheckTests(w, ctx);
  writeSkippedCells(w, ctx.summary);
  writeLatencyTests(w, ctx);
  writeIncompleteRun(w, ctx.summary);
  writeFileSync(
    path.join(dir, 'environment.properties'),
    `${Object.entries(runEnvironment(ctx))
      .map(([k, v]) => `${k.replace(/ /g, '\\ ')}=${propertyEscape(v)}`)
      .join('\n')}\n`,
  );
  writeFileSync(path.join(dir, 'executor.json'), JSON.stringify(executor(ctx), null, 2));
  writeFileSync(path.join(dir, 'categories.json'), JSON.stringify(allureCategories, null, 2));
}
