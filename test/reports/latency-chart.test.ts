import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { binSeconds, fmt, latencyChartSvg, niceCeiling } from '../../reports/latency-chart.ts';
import type { TimelineSecond } from '../../reports/metrics-timeline.ts';
import { sparkline } from '../../reports/terminal-table.ts';

const second = (t: number, p95: number, requests = 10): TimelineSecond => ({
  t,
  requests,
  errors: 0,
  p50: p95 / 2,
  p95,
  p99: p95 * 1.2,
});

describe('latency chart', () => {
  it('labels ticks without losing digits of round numbers', () => {
    assert.deepEqual([0, 0.25, 1, 12.5, 50, 100, 2000].map(fmt), ['0', '0.25', '1', '12.5', '50', '100', '2000']);
    assert.deepEqual([0, 0.3, 7, 13, 101].map(niceCeiling), [1, 0.5, 10, 20, 200]);
  });

  it('keeps a one-second spike when a long run is binned to fit the width', () => {
    const seconds = Array.from({ length: 3600 }, (_, t) => second(t, t === 1800 ? 900 : 20));
    const bins = binSeconds(seconds, 360);
    assert.ok(bins.length <= 360);
    assert.equal(Math.max(...bins.map((b) => b.p95)), 900, 'the worst second of a bin is its value');
    assert.equal(bins[0].requests, 10, 'the rate stays per second');
  });

  it('draws p50, p95 and p99 lines and the rate bars, with the endpoint name escaped', () => {
    const svg = latencyChartSvg({
      endpoint: 'GET /a?b=<c>',
      seconds: [second(0, 10), second(1, 30), { ...second(2, 20), errors: 4 }],
    });
    assert.equal(svg.match(/<polyline /g)?.length, 3);
    assert.match(svg, /GET \/a\?b=&lt;c&gt;/);
    assert.match(svg, /fill="#fa5252"><title>4 errors\/s<\/title>/);
    assert.match(svg, />50<\/text>/, 'the latency axis tops at the round number above the worst p99 (36 ms)');
  });

  it('sparklines scale to their own maximum', () => {
    assert.equal(sparkline([0, 1, 2, 4, 8]), '▁▂▃▅█');
    assert.equal(sparkline([0, 0]), '▁▁');
  });
});
