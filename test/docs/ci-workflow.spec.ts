import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import { REPO_ROOT } from './markdown-blocks.ts';

// .github/workflows/harness.yml is the CI example the docs point at: it must be valid YAML and do
// what docs/reports-and-ci.md says it does. GitHub cannot run it here; this holds its shape.

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
}

const WORKFLOW = '.github/workflows/harness.yml';

function workflow() {
  const doc = parseDocument(readFileSync(path.join(REPO_ROOT, WORKFLOW), 'utf8'), { uniqueKeys: true });
  return doc;
}

function steps(): Step[] {
  const jobs = workflow().toJS().jobs as Record<string, { steps: Step[] }>;
  return Object.values(jobs).flatMap((j) => j.steps);
}

const indexOf = (all: Step[], match: (s: Step) => boolean) => all.findIndex(match);

describe(WORKFLOW, () => {
  it('is valid YAML, with a trigger and jobs', () => {
    const doc = workflow();
    assert.deepEqual(
      doc.errors.map((e) => e.message),
      [],
    );
    const js = doc.toJS();
    assert.ok(js.on, 'no trigger (on:)');
    assert.ok(Object.keys(js.jobs ?? {}).length > 0, 'no jobs');
  });

  it('pins every action to a major version or a commit', () => {
    const loose = steps()
      .map((s) => s.uses)
      .filter((u): u is string => u !== undefined && !/@(v\d+(\.\d+)*|[0-9a-f]{40})$/.test(u));
    assert.deepEqual(loose, []);
  });

  it('installs a real k6 >= 1.0 and runs the conformance suite on it, on the local tenant', () => {
    const all = steps();
    const k6 = all.find((s) => s.uses?.startsWith('grafana/setup-k6-action@'));
    assert.ok(k6, 'grafana/setup-k6-action is not used');
    assert.match(String(k6.with?.['k6-version']), /^[1-9]\d*\.\d+\.\d+$/, 'k6-version must pin a k6 >= 1.0');
    const run = indexOf(all, (s) => /auth0-harness run conformance\b.*--engine k6/.test(s.run ?? ''));
    assert.ok(run > indexOf(all, (s) => s === k6), 'the conformance run must come after k6 is installed');
    assert.doesNotMatch(all[run].run!, /--target/, 'the run must use the local tenant');
  });

  it('restores the Allure history before the run and saves it after, whatever the outcome', () => {
    const all = steps();
    const run = indexOf(all, (s) => /auth0-harness run conformance/.test(s.run ?? ''));
    const restore = indexOf(all, (s) => s.uses?.startsWith('actions/cache/restore@') ?? false);
    const save = indexOf(all, (s) => s.uses?.startsWith('actions/cache/save@') ?? false);
    assert.ok(restore >= 0 && restore < run, 'the history must be restored before the run');
    assert.ok(
      save > run && all[save].if === 'always()',
      'the history must be saved after the run, also when it failed',
    );
    for (const i of [restore, save]) assert.equal(all[i].with?.path, 'out/allure-report/history');
    assert.ok(
      indexOf(all, (s) => s.uses?.startsWith('actions/setup-java@') ?? false) < run,
      'the Allure HTML report needs Java',
    );
  });

  it('uploads the reports also when the run failed', () => {
    const upload = steps().find((s) => s.uses?.startsWith('actions/upload-artifact@'));
    assert.ok(upload, 'no artifact upload');
    assert.equal(upload.if, 'always()');
    const paths = String(upload.with?.path).split('\n').filter(Boolean);
    for (const report of ['out/summary.json', 'out/junit.xml', 'out/latency.html', 'out/allure-report'])
      assert.ok(paths.includes(report), `${report} is not uploaded`);
  });
});
