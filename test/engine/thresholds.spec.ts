import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MetricRegistry, parseMetricKey } from '../../engine/metrics/registry.ts';
import { ThresholdSet } from '../../engine/metrics/threshold-set.ts';
import { checkAggregation, parseThreshold, thresholdHolds } from '../../engine/metrics/thresholds.ts';
import { Sink } from '../../engine/metrics/sink.ts';
import { ConfigError } from '../../engine/scenarios.ts';

function trendOf(values: number[]): Sink {
  const s = new Sink('trend');
  for (const v of values) s.add(v);
  return s;
}

describe('threshold expressions', () => {
  it('parses k6 aggregations and operators, with or without spaces', () => {
    for (const [source, aggregation, operator, target] of [
      ['p(95)<500', 'p(95)', '<', 500],
      ['p(99.9) <= 1.5', 'p(99.9)', '<=', 1.5],
      ['avg>=10', 'avg', '>=', 10],
      ['med > 2', 'med', '>', 2],
      ['count==3', 'count', '==', 3],
      ['rate===1', 'rate', '===', 1],
      ['value!=0', 'value', '!=', 0],
      ['min<-1', 'min', '<', -1],
    ] as const) {
      const t = parseThreshold(source, 'm');
      assert.deepEqual([t.aggregation, t.operator, t.target], [aggregation, operator, target], source);
    }
  });

  it('reads abortOnFail and delayAbortEval from the object form', () => {
    const t = parseThreshold({ threshold: 'rate<0.01', abortOnFail: true, delayAbortEval: '10s' }, 'http_req_failed');
    assert.equal(t.abortOnFail, true);
    assert.equal(t.delayAbortEvalMs, 10_000);
  });

  it('refuses malformed expressions with a sentence naming the metric', () => {
    for (const bad of ['p95<500', 'avg 500', 'p(95)<', 'mean<3', 'avg<<3']) {
      assert.throws(
        () => parseThreshold(bad, 'http_req_duration'),
        /thresholds\["http_req_duration"\]: .* is not a threshold/,
        bad,
      );
    }
  });

  it('refuses an aggregation the metric type does not have', () => {
    assert.throws(
      () => checkAggregation(parseThreshold('p(95)<1', 'checks'), 'rate', 'checks'),
      /does not apply to a rate metric/,
    );
    assert.throws(
      () => checkAggregation(parseThreshold('rate>1', 'x'), 'trend', 'x'),
      /does not apply to a trend metric/,
    );
    assert.doesNotThrow(() => checkAggregation(parseThreshold('count>1', 'x'), 'counter', 'x'));
    assert.doesNotThrow(() => checkAggregation(parseThreshold('value>1', 'x'), 'gauge', 'x'));
  });

  it('evaluates trend statistics', () => {
    const sink = trendOf(Array.from({ length: 100 }, (_, i) => i + 1));
    assert.equal(thresholdHolds(parseThreshold('p(95)<100', 'm'), 'trend', sink, 1), true);
    assert.equal(thresholdHolds(parseThreshold('p(95)<90', 'm'), 'trend', sink, 1), false);
    assert.equal(thresholdHolds(parseThreshold('avg==50.5', 'm'), 'trend', sink, 1), true);
    assert.equal(thresholdHolds(parseThreshold('max<=100', 'm'), 'trend', sink, 1), true);
    assert.equal(thresholdHolds(parseThreshold('min>1', 'm'), 'trend', sink, 1), false);
    assert.equal(thresholdHolds(parseThreshold('med>49', 'm'), 'trend', sink, 1), true);
  });

  it('evaluates counters (count and per-second rate), rates and gauges', () => {
    const counter = new Sink('counter');
    for (let i = 0; i < 10; i++) counter.add(1);
    assert.equal(thresholdHolds(parseThreshold('count==10', 'c'), 'counter', counter, 2), true);
    assert.equal(thresholdHolds(parseThreshold('rate==5', 'c'), 'counter', counter, 2), true);
    const rate = new Sink('rate');
    for (const v of [1, 1, 1, 0]) rate.add(v);
    assert.equal(thresholdHolds(parseThreshold('rate>0.7', 'r'), 'rate', rate, 1), true);
    assert.equal(thresholdHolds(parseThreshold('rate>0.8', 'r'), 'rate', rate, 1), false);
    const gauge = new Sink('gauge');
    gauge.add(7);
    gauge.add(3);
    assert.equal(thresholdHolds(parseThreshold('value==3', 'g'), 'gauge', gauge, 1), true);
  });
});

describe('threshold sets and tag filters', () => {
  it('parses metric keys with tag filters', () => {
    assert.deepEqual(parseMetricKey('http_req_duration{name:token,method:"POST"}'), {
      metric: 'http_req_duration',
      tags: { name: 'token', method: 'POST' },
      suffix: 'name:token,method:"POST"',
    });
    assert.throws(() => parseMetricKey('http_req_duration{name}'), /tag filter "name"/);
  });

  it('evaluates a submetric on the samples whose tags match only', () => {
    const registry = new MetricRegistry();
    registry.define('http_req_duration', 'trend', 'time');
    const set = new ThresholdSet(
      { 'http_req_duration{name:token}': ['max<100'], http_req_duration: ['max<100'] },
      registry,
    );
    registry.add('http_req_duration', 50, { name: 'token' });
    registry.add('http_req_duration', 500, { name: 'other' });
    const { byMetric, crossedMetrics } = set.evaluate(1);
    assert.equal(byMetric.get('http_req_duration{name:token}')?.get('max<100'), true);
    assert.equal(byMetric.get('http_req_duration')?.get('max<100'), false);
    assert.deepEqual(crossedMetrics, ['http_req_duration']);
  });

  it('is a configuration error to name a metric that does not exist', () => {
    assert.throws(
      () => new ThresholdSet({ nope: ['count>0'] }, new MetricRegistry()),
      (e) => e instanceof ConfigError && /no metric named "nope"/.test(e.message),
    );
  });

  it('reports the abortOnFail threshold that is crossed, once its delay has passed', () => {
    const registry = new MetricRegistry();
    registry.define('errors', 'rate');
    const set = new ThresholdSet(
      { errors: [{ threshold: 'rate<0.1', abortOnFail: true, delayAbortEval: '5s' }] },
      registry,
    );
    registry.add('errors', 1, {});
    assert.equal(set.abortingMetric(1000), undefined);
    assert.equal(set.abortingMetric(6000), 'errors');
  });
});

describe('trend sinks (HDR histograms)', () => {
  it('keep percentiles within 0.1 % and min/max/avg exact', () => {
    const values = Array.from({ length: 10_000 }, (_, i) => 20 + (i % 1000) / 1000);
    const sink = trendOf(values);
    assert.ok(Math.abs(sink.percentile(50) - 20.5) < 0.03, String(sink.percentile(50)));
    assert.ok(Math.abs(sink.percentile(99) - 20.99) < 0.03, String(sink.percentile(99)));
    assert.equal(sink.min, 20);
    assert.equal(sink.max, 20.999);
    assert.ok(Math.abs(sink.sum / sink.count - 20.4995) < 1e-9);
  });
});
