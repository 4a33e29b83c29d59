import type { BucketSpan, NativeHistogram } from './prometheus-remote-write-schema.ts';

// k6 maps a trend to a Prometheus native histogram through client_golang with a bucket factor of 1.1,
// which picks schema 3 (the largest whose growth, 2^(1/8) ≈ 1.09, does not exceed 1.1), client_golang's
// default zero bucket (|v| ≤ 2^-128) and no limit on the number of buckets. Bucket `key` holds the values
// in (2^((key-1)/8), 2^(key/8)].
const SCHEMA = 3;
const BUCKETS_PER_POWER_OF_TWO = 2 ** SCHEMA;
const ZERO_THRESHOLD = 2 ** -128;
// The upper bounds of one power of two's buckets, as fractions in [0.5, 1).
const FRACTION_BOUNDS = Array.from(
  { length: BUCKETS_PER_POWER_OF_TWO },
  (_, i) => 2 ** (i / BUCKETS_PER_POWER_OF_TWO) / 2,
);

/** The bucket of a positive magnitude: v = fraction × 2^exponent with fraction in [0.5, 1), as Go's Frexp. */
export function bucketKey(magnitude: number): number {
  let exponent = Math.floor(Math.log2(magnitude)) + 1;
  let fraction = magnitude / 2 ** exponent;
  // log2 may round across a power of two.
  if (fraction >= 1) {
    fraction /= 2;
    exponent++;
  } else if (fraction < 0.5) {
    fraction *= 2;
    exponent--;
  }
  let i = 0;
  while (i < BUCKETS_PER_POWER_OF_TWO && FRACTION_BOUNDS[i] < fraction) i++;
  return i + (exponent - 1) * BUCKETS_PER_POWER_OF_TWO;
}

/** Buckets as remote write carries them: runs of consecutive keys, counts as differences. */
function spansAndDeltas(buckets: Map<number, number>): { spans: BucketSpan[]; deltas: number[] } {
  const keys = [...buckets.keys()].sort((a, b) => a - b);
  const spans: BucketSpan[] = [];
  const deltas: number[] = [];
  let previousKey: number | undefined;
  let previousCount = 0;
  for (const key of keys) {
    if (previousKey !== undefined && key === previousKey + 1) spans[spans.length - 1].length++;
    else spans.push({ offset: previousKey === undefined ? key : key - previousKey - 1, length: 1 });
    const count = buckets.get(key) as number;
    deltas.push(count - previousCount);
    previousCount = count;
    previousKey = key;
  }
  return { spans, deltas };
}

/** A cumulative native histogram of a trend's values since the test started. */
export class NativeHistogramSink {
  private count = 0;
  private sum = 0;
  private zeroCount = 0;
  private readonly positive = new Map<number, number>();
  private readonly negative = new Map<number, number>();

  observe(value: number): void {
    // A bucket needs a finite value; NaN or ±Infinity would leave count and buckets disagreeing.
    if (!Number.isFinite(value)) return;
    this.count++;
    this.sum += value;
    const magnitude = Math.abs(value);
    if (magnitude <= ZERO_THRESHOLD) {
      this.zeroCount++;
      return;
    }
    const buckets = value > 0 ? this.positive : this.negative;
    const key = bucketKey(magnitude);
    buckets.set(key, (buckets.get(key) ?? 0) + 1);
  }

  toProto(timestamp: number): NativeHistogram {
    const positive = spansAndDeltas(this.positive);
    const negative = spansAndDeltas(this.negative);
    return {
      countInt: this.count,
      sum: this.sum,
      schema: SCHEMA,
      zeroThreshold: ZERO_THRESHOLD,
      zeroCountInt: this.zeroCount,
      negativeSpans: negative.spans,
      negativeDeltas: negative.deltas,
      positiveSpans: positive.spans,
      positiveDeltas: positive.deltas,
      timestamp,
    };
  }
}
