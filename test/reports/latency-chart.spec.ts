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

  it("draws the endpoint's latency thresholds as lines, a crossed one in red, one far above the data on the top edge", () => {
    const metric = 'http_req_duration{endpoint:POST /oauth/token,phase:measured}';
    const svg = latencyChartSvg(
      { endpoint: 'POST /oauth/token', seconds: [second(0, 10), second(1, 30)] },
      {
        phases: [],
        thresholds: [
          { metric, expression: 'p(95)<25', ok: false, endpoint: 'POST /oauth/token' },
          { metric, expression: 'p(99) < 5000', ok: true, endpoint: 'POST /oauth/token' },
          { metric: 'http_req_failed{endpoint:POST /oauth/token,phase:measured}', expression: 'rate<0.01', ok: true },
        ],
      },
    );
    const lines = [
      ...svg.matchAll(/<line class="threshold"[^>]*y1="([\d.]+)"[^>]*stroke="(#\w+)"[^>]*><title>([^<]*)</g),
    ];
    assert.deepEqual(
      lines.map((m) => m[3]),
      ['threshold p(95)&lt;25 crossed', 'threshold p(99)&lt;5000 held'],
    );
    assert.equal(lines[0][2], '#e03131');
    assert.ok(Number(lines[0][1]) > Number(lines[1][1]), 'p(95)<25 is drawn to scale, below the top edge');
    assert.match(svg, /↑ above this scale: p\(99\)&lt;5000 ms held/);
    assert.match(svg, /failed-request threshold rate&lt;0\.01 held/);
  });

  it('shades and names the phases around the measured one, on a time axis that spans them', () => {
    const svg = latencyChartSvg(
      { endpoint: 'POST /oauth/token', seconds: [second(2, 10), second(3, 12)] },
      {
        phases: [
          { name: 'warmup', from: 0, to: 2 },
          { name: 'measured', from: 2, to: 4 },
          { name: 'ramp-down', from: 4, to: 5 },
        ],
        thresholds: [],
      },
    );
    assert.match(svg, /<title>warm-up: not measured<\/title>/);
    assert.match(svg, />warm-up \(left out\)</);
    assert.match(svg, />ramp-down \(left out\)</);
    assert.match(svg, />measured</);
    assert.match(svg, />0 s</);
    assert.match(svg, />5 s</);
  });

  it('sparklines scale to their own maximum', () => {
    assert.equal(sparkline([0, 1, 2, 4, 8]), '▁▂▃▅█');
    assert.equal(sparkline([0, 0]), '▁▁');
  });
});
