import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runScript, startServer, WRITE_SUMMARY, type LoopbackServer } from './run-script.ts';

// With --threads 2 half the VUs run on a second thread; the run's results must be the same whole.
describe('VUs shared across threads', () => {
  let server: LoopbackServer;
  before(async () => (server = await startServer()));
  after(() => server.close());

  it('merges iterations, requests, checks, groups and custom metrics from every thread', async () => {
    const r = await runScript(
      `import http from 'k6/http';
import { check, group } from 'k6';
import { Counter } from 'k6/metrics';
import { SharedArray } from 'k6/data';
// A SharedArray is built once per thread, so this line shows how many threads ran the script.
new SharedArray('threads', () => { console.log('built'); return [1]; });
const perVu = new Counter('per_vu');
export const options = { scenarios: { s: { executor: 'per-vu-iterations', vus: 6, iterations: 5 } }, thresholds: { 'per_vu{vu:5}': ['count==5'] } };
export default async function () {
  const res = await http.asyncRequest('GET', '${server.url}/');
  group('g', () => { check(res, { ok: (x) => x.status === 200 }); });
  perVu.add(1, { vu: String(__VU) });
}
${WRITE_SUMMARY}`,
      ['--threads', '2', '--out', 'json=points.ndjson'],
    );
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.consoleLines.filter((l) => l === 'built').length, 2, 'two threads ran VUs');
    const m = r.summary.metrics;
    assert.equal(m.iterations.values.count, 30);
    assert.equal(m.http_reqs.values.count, 30);
    assert.equal(m.per_vu.values.count, 30);
    assert.equal(m['per_vu{vu:5}'].values.count, 5);
    assert.equal(r.summary.root_group.groups[0].checks[0].passes, 30);
    const points = readFileSync(path.join(r.dir, 'points.ndjson'), 'utf8')
      .split('\n')
      .filter((l) => l.includes('"http_reqs","type":"Point"'));
    assert.equal(points.length, 30);
  });
});
