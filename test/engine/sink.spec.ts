import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { IntegerIndexHistogram, Sink } from '../../engine/metrics/sink.ts';

const PackageHistogram = createRequire(import.meta.url)('hdr-histogram-js/dist/Int32Histogram.js').default;

describe('trend histogram', () => {
  it("finds the same slot as hdr-histogram-js's own arithmetic, including around every power of two", () => {
    const reference = new PackageHistogram(1, 2, 3);
    const fast = new IntegerIndexHistogram(1, 2, 3);
    const values = [0, 1, 2, 3, 2047, 2048, 2049, 2 ** 31 - 1];
    for (let k = 1; k < 31; k++) for (let d = -2; d <= 2; d++) values.push(2 ** k + d);
    let seed = 7;
    for (let i = 0; i < 20_000; i++) {
      seed = (seed * 48271) % 2147483647;
      values.push(seed % 2 ** (1 + (i % 31)));
    }
    for (const v of values) assert.equal(fast.countsArrayIndex(v), reference.countsArrayIndex(v), `slot of ${v}`);
  });

  it('records values beyond 2^31 µs through the package path, growing as needed', () => {
    const s = new Sink('trend');
    for (const ms of [1, 10, 3_000_000, 5_000_000]) s.add(ms);
    assert.equal(s.percentile(100), 5_000_000);
    assert.ok(Math.abs(s.percentile(75) - 3_000_000) / 3_000_000 < 0.001, `p75 ${s.percentile(75)}`);
  });

  it('keeps percentiles within 0.1 % of the exact ones', () => {
    const s = new Sink('trend');
    const values: number[] = [];
    for (let i = 1; i <= 10_000; i++) values.push(((i * 7919) % 10_000) / 37 + 0.05);
    for (const v of values) s.add(v);
    values.sort((a, b) => a - b);
    for (const p of [50, 90, 95, 99]) {
      const exact = values[Math.ceil((p / 100) * values.length) - 1];
      assert.ok(Math.abs(s.percentile(p) - exact) / exact < 0.001, `p(${p}) ${s.percentile(p)} vs ${exact}`);
    }
  });
});
