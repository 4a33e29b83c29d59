import { realThresholds } from './real-thresholds.ts';
import type { RunSummary } from './run-summary.ts';
import { xmlEscape } from './xml-escape.ts';

/**
 * JUnit XML: one testsuite per endpoint, one testcase per check × credential method. Failure-severity
 * failures are <failure>; warnings pass with a <system-out> note so CI stays green on them. The
 * script's thresholds form one more testsuite, and an incomplete run an errored testcase.
 */
export function junitXml(summary: RunSummary): string {
  const byEndpoint = new Map<string, RunSummary['checks']>();
  for (const c of summary.checks) byEndpoint.set(c.endpoint, [...(byEndpoint.get(c.endpoint) ?? []), c]);
  const suites = [...byEndpoint.entries()].map(([endpoint, checks]) => {
    const failures = checks.filter((c) => c.fails > 0 && c.severity === 'failure').length;
    const cases = checks.map((c) => {
      const classname = xmlEscape(`${summary.suite}.${endpoint}${c.credential ? ` [${c.credential}]` : ''}`);
      const open = `    <testcase classname="${classname}" name="${xmlEscape(c.id)}">`;
      if (c.fails === 0) return `${open}</testcase>`;
      const message = xmlEscape(c.message ?? `${c.fails} of ${c.passes + c.fails} failed`);
      if (c.severity === 'warning') return `${open}<system-out>warning: ${message}</system-out></testcase>`;
      return `${open}<failure message="${message}" type="${xmlEscape(c.id)}">${c.fails} of ${c.passes + c.fails} failed: ${message}</failure></testcase>`;
    });
    return [
      `  <testsuite name="${xmlEscape(`${summary.suite}: ${endpoint}`)}" tests="${checks.length}" failures="${failures}" errors="0" skipped="0" timestamp="${summary.startedAt}">`,
      ...cases,
      '  </testsuite>',
    ].join('\n');
  });
  const thresholds = realThresholds(summary);
  const crossed = thresholds.filter((t) => !t.ok).length;
  const thresholdSuite = thresholds.length
    ? [
        `  <testsuite name="${xmlEscape(`${summary.suite}: thresholds`)}" tests="${thresholds.length}" failures="${crossed}" errors="0" skipped="0" timestamp="${summary.startedAt}">`,
        ...thresholds.map((t) => {
          const open = `    <testcase classname="${xmlEscape(`${summary.suite}.thresholds`)}" name="${xmlEscape(`${t.metric} ${t.expression}`)}">`;
          return t.ok
            ? `${open}</testcase>`
            : `${open}<failure message="${xmlEscape(`threshold ${t.expression} on ${t.metric} was crossed`)}" type="threshold"/></testcase>`;
        }),
        '  </testsuite>',
      ]
    : [];
  const total = summary.checks.length + thresholds.length;
  const failures = summary.checks.filter((c) => c.fails > 0 && c.severity === 'failure').length + crossed;
  const errors = summary.incomplete ? 1 : 0;
  const incomplete = summary.incomplete
    ? [
        `  <testsuite name="${xmlEscape(`${summary.suite}: run`)}" tests="1" failures="0" errors="1" skipped="0">`,
        `    <testcase classname="${xmlEscape(summary.suite)}" name="run completed"><error message="${xmlEscape(summary.incomplete)}"/></testcase>`,
        '  </testsuite>',
      ]
    : [];
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="auth0-harness ${xmlEscape(summary.suite)}" tests="${total + errors}" failures="${failures}" errors="${errors}" time="${(summary.durationMs / 1000).toFixed(3)}">`,
    ...suites,
    ...thresholdSuite,
    ...incomplete,
    '</testsuites>',
    '',
  ].join('\n');
}
