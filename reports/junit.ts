import { XMLBuilder } from 'fast-xml-parser';
import type { ReportTest } from './report-tests.ts';
import type { RunSummary } from './run-summary.ts';
import { xmlChars } from './xml-escape.ts';

// junit.xml, as CI servers read it (the Jenkins/Ant schema): one testsuite per endpoint (and one for
// run-wide thresholds and one for the run), one testcase per test of reports/report-tests.ts, so it
// counts what the terminal and the Allure report count. A failed test is a <failure>; one that says
// nothing about the server (no response, a check that threw, a run that stopped) an <error>; a test
// not run, or an accepted failure, <skipped message="why"/>; a failing warning passes with a note.

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  format: true,
  suppressEmptyNode: true,
});

const seconds = (ms: number) => (ms / 1000).toFixed(3);
const duration = (t: ReportTest) => (t.span ? t.span.stop - t.span.start : 0);

function testcase(summary: RunSummary, t: ReportTest): Record<string, unknown> {
  const classname = `${summary.suite}.${t.group}${t.credential ? ` [${t.credential}]` : ''}`;
  const type = t.check?.id ?? t.kind;
  const outcome: Record<string, unknown> = {};
  const message = xmlChars(t.message ?? '');
  const body = xmlChars(t.detail ?? t.message ?? '');
  if (t.status === 'failed') outcome.failure = { '@message': message, '@type': type, '#text': body };
  else if (t.status === 'broken')
    outcome.error = { '@message': message, '@type': t.check?.cause ?? type, '#text': body };
  else if (t.status === 'skipped') outcome.skipped = { '@message': message };
  else if (t.message) outcome['system-out'] = body;
  return {
    '@classname': xmlChars(classname),
    '@name': xmlChars(t.check?.id ?? t.name),
    '@time': seconds(duration(t)),
    ...outcome,
  };
}

function counts(tests: readonly ReportTest[]) {
  const n = (status: string) => tests.filter((t) => t.status === status).length;
  return {
    '@tests': tests.length,
    '@failures': n('failed'),
    '@errors': n('broken'),
    '@skipped': n('skipped'),
  };
}

function testsuite(summary: RunSummary, group: string, tests: ReportTest[]): Record<string, unknown> {
  const spans = tests.flatMap((t) => (t.span ? [t.span] : []));
  const start = spans.length ? Math.min(...spans.map((s) => s.start)) : Date.parse(summary.startedAt);
  const stop = spans.length ? Math.max(...spans.map((s) => s.stop)) : start;
  return {
    '@name': xmlChars(`${summary.suite}: ${group}`),
    ...counts(tests),
    // a suite's time is the wall-clock span of its cases: they overlap, so their sum would overstate it
    '@time': seconds(stop - start),
    '@timestamp': new Date(start).toISOString(),
    testcase: tests.map((t) => testcase(summary, t)),
  };
}

export function junitXml(summary: RunSummary, tests: readonly ReportTest[]): string {
  const groups = new Map<string, ReportTest[]>();
  for (const t of tests) groups.set(t.group, [...(groups.get(t.group) ?? []), t]);
  return builder.build({
    '?xml': { '@version': '1.0', '@encoding': 'UTF-8' },
    testsuites: {
      '@name': xmlChars(`auth0-harness ${summary.suite}`),
      ...counts(tests),
      '@time': seconds(summary.durationMs),
      '@timestamp': summary.startedAt,
      testsuite: [...groups.entries()].map(([group, cases]) => testsuite(summary, group, cases)),
    },
  }) as string;
}
