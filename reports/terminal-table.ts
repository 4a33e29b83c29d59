import { binSeconds } from './latency-chart.ts';
import { plainTable, renderTable } from './plain-table.ts';
import type { Timeline, TimelineSecond } from './metrics-timeline.ts';
import { realThresholds } from './real-thresholds.ts';
import { reportTests, seenOn, thresholdObservation, unexpectedLines, type ReportTest } from './report-tests.ts';
import type { RunCounts, RunSummary } from './run-summary.ts';
import { runnerTable } from './runner-table.ts';

// The end-of-run report in the terminal: the verdict and the counts first, the tables, and last what
// failed, so the lines a user sees when the run ends say what to look at. Every figure comes from
// summary.json and the list of tests junit.xml and the Allure report hold.

const BLOCKS = '▁▂▃▄▅▆▇█';
const SPARK_WIDTH = 24;

/** A one-line picture of a series, scaled to its own maximum. */
export function sparkline(values: number[]): string {
  const max = Math.max(...values);
  if (!(max > 0)) return BLOCKS[0].repeat(values.length);
  return values
    .map((v) => BLOCKS[Math.min(BLOCKS.length - 1, Math.floor((v / max) * (BLOCKS.length - 1) + 0.5))])
    .join('');
}

function endpointTable(summary: RunSummary): string {
  const t = plainTable(
    ['endpoint', 'reqs', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'failed %', 'req/s'],
    ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
  );
  for (const e of summary.endpoints)
    t.push([
      e.endpoint,
      e.requests,
      e.p50.toFixed(2),
      e.p95.toFixed(2),
      e.p99.toFixed(2),
      e.max.toFixed(2),
      (e.errorRate * 100).toFixed(1),
      e.rps.toFixed(1),
    ]);
  return renderTable(t);
}

/** Per endpoint, p95 and the rate over the measured phase as sparklines, with their ranges. */
function timelineTable(timeline: Timeline): string | undefined {
  const rows = timeline.endpoints.filter((e) => e.seconds.length > 1);
  if (!rows.length) return undefined;
  const range = (xs: number[], digits: number) =>
    `${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)}`;
  const t = plainTable([], ['left', 'left', 'left', 'left', 'left']);
  t.push(['over time', { content: 'p95 ms', colSpan: 2 }, { content: 'req/s', colSpan: 2 }]);
  for (const e of rows) {
    const bins: TimelineSecond[] = binSeconds(e.seconds, SPARK_WIDTH);
    const p95 = bins.map((b) => b.p95);
    const rps = bins.map((b) => b.requests);
    t.push([e.endpoint, sparkline(p95), range(p95, 1), sparkline(rps), range(rps, 0)]);
  }
  return renderTable(t);
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function checksLine(counts: RunCounts): string {
  const c = counts.checks;
  const parts = [`${c.passed} passed`, `${c.failed} failed`];
  if (c.broken) parts.push(`${c.broken} broken`);
  if (c.warned) parts.push(plural(c.warned, 'warning'));
  if (c.notRun) parts.push(`${c.notRun} not run`);
  if (c.expectedFailures) parts.push(`${c.expectedFailures} failed as expected`);
  return `  ${plural(c.total, 'check')}: ${parts.join(', ')} (${plural(counts.evaluations, 'evaluation')})`;
}

/** What the junit.xml and Allure tests are, by kind: "89 tests (80 checks, 9 endpoint latency tests)". */
function testsBreakdown(tests: readonly ReportTest[]): string {
  const n = (kind: ReportTest['kind']) => tests.filter((t) => t.kind === kind).length;
  const kinds = [
    plural(n('check'), 'check'),
    n('latency') ? plural(n('latency'), 'endpoint latency test') : '',
    n('threshold') ? plural(n('threshold'), 'run-wide threshold') : '',
    n('cell') ? plural(n('cell'), 'matrix cell not run', 'matrix cells not run') : '',
    n('run') ? 'the run itself' : '',
  ].filter(Boolean);
  return `${plural(tests.length, 'test')} (${kinds.join(', ')})`;
}

/** One line per test that did not pass, saying what it judged and what was seen. */
function failureLines(tests: readonly ReportTest[]): string[] {
  const lines: string[] = [];
  for (const t of tests) {
    const c = t.check;
    if (t.kind === 'check' && c && c.fails > 0 && !c.expectedFailure) {
      const mark = t.status === 'broken' ? '✗ broken' : t.status === 'failed' ? '✗' : '! warning';
      const seen = seenOn(c);
      lines.push(
        `  ${mark} ${c.id}  ${c.endpoint} [${c.credential ?? 'none'}]${seen ? `, ${seen}` : ''}: ${c.message ?? 'failed'} (${c.fails} of ${c.passes + c.fails} evaluations)`,
      );
    } else if ((t.kind === 'latency' || t.kind === 'threshold') && t.status === 'failed') {
      for (const threshold of (t.thresholds ?? []).filter((x) => !x.ok))
        lines.push(`  ✗ threshold ${thresholdObservation(threshold)}`);
      lines.push(...unexpectedLines(t.endpointRow).map((l) => `      ${l}`));
    } else if (t.kind === 'run') lines.push(`  ✗ ${t.message}`);
  }
  return lines;
}

/** The end-of-run report: verdict and counts, tables, then what failed and the verdict again. */
export function terminalReport(summary: RunSummary, timeline?: Timeline): string {
  const tests = reportTests(summary);
  const verdict = summary.ok ? 'PASS' : 'FAIL';
  const lines = [
    `${verdict}  ${summary.suite} on ${summary.target} (${summary.engine}, profile ${summary.profile}), ${(summary.durationMs / 1000).toFixed(1)} s`,
  ];
  if (summary.incomplete) lines.push(`  incomplete: ${summary.incomplete}`);
  if (summary.counts) lines.push(checksLine(summary.counts));
  const thresholds = realThresholds(summary);
  if (thresholds.length) {
    const crossed = thresholds.filter((x) => !x.ok).length;
    lines.push(`  ${plural(thresholds.length, 'threshold')}: ${thresholds.length - crossed} held, ${crossed} crossed`);
  }
  if (summary.matrix.length) {
    const count = (s: string) => summary.matrix.filter((m) => m.status === s).length;
    lines.push(
      `  matrix cells: ${count('passed')} passed, ${count('failed')} failed, ${count('skipped')} not run, ${count('not_applicable')} not applicable`,
    );
  }
  if (summary.endpoints.length) {
    lines.push(endpointTable(summary));
    const course = timeline && timelineTable(timeline);
    if (course) lines.push(course);
  }
  const runners = runnerTable(summary);
  if (runners) lines.push(runners);
  const failures = failureLines(tests);
  if (failures.length) lines.push('', 'what failed:', ...failures);
  const t = summary.counts?.tests;
  const tally = t
    ? [`${t.passed} passed`, `${t.failed} failed`, ...(t.broken ? [`${t.broken} broken`] : []), `${t.skipped} skipped`]
    : [];
  lines.push(`${verdict}  ${tally.join(', ')} of ${testsBreakdown(tests)} in junit.xml and the Allure report`);
  return `${lines.join('\n')}\n`;
}
