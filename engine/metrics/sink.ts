import type { Histogram } from 'hdr-histogram-js';
// The JS histogram alone: the package's index also loads its WebAssembly build and log codecs, which
// cost the engine process 15 MB of resident memory for nothing it uses. A CommonJS module: its
// default export is a property of what Node imports.
import int32Histogram from 'hdr-histogram-js/dist/Int32Histogram.js';
import type { MetricType } from './metric-type.ts';

type HistogramClass = new (lowest: number, highest: number, significantDigits: number) => Histogram;
const Int32Histogram: HistogramClass = int32Histogram.default;

/** The layout fields of hdr-histogram-js's JsHistogram that locate a value's slot. */
interface HistogramLayout {
  unitMagnitude: number;
  subBucketHalfCountMagnitude: number;
  subBucketHalfCount: number;
  countsArrayIndex(value: number): number;
}

const INTEGER_INDEX_LIMIT = 2 ** 31;

/**
 * The package finds a value's slot with Math.log2 and Math.pow, about 100 ns a sample, and the engine
 * records some ten trend samples per request. Below 2^31 (35 minutes in microseconds) the same slot
 * comes from integer bit arithmetic, as in the Java original; larger values take the package's path.
 */
export class IntegerIndexHistogram extends (Int32Histogram as new (
  ...args: ConstructorParameters<HistogramClass>
) => Histogram & HistogramLayout) {
  override countsArrayIndex(value: number): number {
    if (!(value >= 0 && value < INTEGER_INDEX_LIMIT)) return super.countsArrayIndex(value);
    const bucketIndex = Math.max(31 - Math.clz32(value) - this.subBucketHalfCountMagnitude - this.unitMagnitude, 0);
    const subBucketIndex = value >>> (bucketIndex + this.unitMagnitude);
    return ((bucketIndex + 1) << this.subBucketHalfCountMagnitude) + subBucketIndex - this.subBucketHalfCount;
  }
}

// Trend values are milliseconds with sub-millisecond detail; the histogram stores whole
// microseconds with 3 significant digits, so a percentile is off by at most 0.1 % of its value
// (20 ms ± 20 µs) while memory stays bounded however long the test runs.
const MICROS_PER_UNIT = 1000;

/** The aggregate k6 keeps per metric: count/sum/min/max/last for all, a histogram for trends. */
export class Sink {
  count = 0;
  sum = 0;
  min = Infinity;
  max = -Infinity;
  last = 0;
  nonZero = 0;
  private histogram: Histogram | undefined;

  constructor(readonly type: MetricType) {
    if (type === 'trend') {
      this.histogram = new IntegerIndexHistogram(1, 2, 3);
      this.histogram.autoResize = true;
    }
  }

  add(value: number): void {
    this.count++;
    this.sum += value;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
    this.last = value;
    if (value !== 0) this.nonZero++;
    // Negative trend values are legal in k6 (a custom Trend); the histogram records magnitudes ≥ 0,
    // so they are clamped there while min/avg keep their exact value.
    if (this.histogram) this.histogram.recordValue(Math.max(0, Math.round(value * MICROS_PER_UNIT)));
  }

  /** The value at percentile p (0–100), as k6 reports it; exact at the extremes. */
  percentile(p: number): number {
    if (this.count === 0 || !this.histogram) return 0;
    if (p <= 0) return this.min;
    if (p >= 100) return this.max;
    const v = this.histogram.getValueAtPercentile(p) / MICROS_PER_UNIT;
    return Math.min(this.max, Math.max(this.min, v));
  }
}
