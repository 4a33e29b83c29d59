// k6's execution segment: the part (from, to] of a test's work that one k6 instance runs, as exact
// rational numbers so that N instances together run exactly the whole test, nothing lost to rounding.
import Fraction from 'fraction.js';

export class SegmentError extends Error {}

const ZERO = new Fraction(0);
const ONE = new Fraction(1);

export class ExecutionSegment {
  readonly length: Fraction;

  constructor(
    readonly from: Fraction,
    readonly to: Fraction,
  ) {
    this.length = to.sub(from);
  }

  /** The whole test, 0:1: what an instance without a segment runs. */
  static readonly FULL = new ExecutionSegment(ZERO, ONE);

  /** Checked as k6 checks a segment: 0 ≤ from < to ≤ 1, with k6's messages. */
  static of(from: Fraction, to: Fraction): ExecutionSegment {
    if (from.lt(ZERO)) throw new SegmentError(`segment start value must be at least 0 but was ${twoDecimals(from)}`);
    if (from.gte(to))
      throw new SegmentError(`segment start(${twoDecimals(from)}) must be less than its end(${twoDecimals(to)})`);
    if (to.gt(ONE)) throw new SegmentError(`segment end value can't be more than 1 but was ${twoDecimals(to)}`);
    return new ExecutionSegment(from, to);
  }

  equals(other: ExecutionSegment): boolean {
    return this.from.equals(other.from) && this.to.equals(other.to);
  }

  /** As k6 writes a segment: `1/3:2/3`, `0:1`. */
  toString(): string {
    return `${this.from.toFraction()}:${this.to.toFraction()}`;
  }
}

/**
 * Parses a segment as k6's `--execution-segment` and `executionSegment` take it: `from:to`, each a
 * fraction (1/3), a decimal (0.5) or a whole percentage (25%); a single value is the end of a segment
 * from 0 (`25%` is 0:1/4); an empty string is the whole test.
 */
export function parseExecutionSegment(text: string): ExecutionSegment {
  const colon = text.indexOf(':');
  if (colon < 0) return ExecutionSegment.of(ZERO, parseRatio(text === '' ? '1' : text));
  return ExecutionSegment.of(parseRatio(text.slice(0, colon)), parseRatio(text.slice(colon + 1)));
}

/** A point of a segment or a sequence, in the forms k6 reads (Go's big.Rat, or a whole percentage). */
export function parseRatio(text: string): Fraction {
  if (text.endsWith('%')) {
    const percent = text.slice(0, -1);
    if (!/^[+-]?\d+$/.test(percent)) throw new SegmentError(`'${text}' is not a valid percentage`);
    return new Fraction(BigInt(percent), 100n);
  }
  const fraction = /^([+-]?\d+)\/(\d+)$/.exec(text);
  if (fraction && BigInt(fraction[2]) !== 0n) return new Fraction(BigInt(fraction[1]), BigInt(fraction[2]));
  const decimal = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (decimal && (decimal[2] || decimal[3])) {
    const [, sign, whole, fractional = '', exponent = '0'] = decimal;
    const shift = Number(exponent) - fractional.length;
    const digits = BigInt(`${sign}${whole}${fractional}` || '0');
    return shift >= 0 ? new Fraction(digits * 10n ** BigInt(shift), 1n) : new Fraction(digits, 10n ** BigInt(-shift));
  }
  throw new SegmentError(`'${text}' is not a valid percentage, decimal, fraction or interval value`);
}

/** A rational as Go's big.Rat.FloatString(2) writes it in k6's messages: rounded to two decimals. */
function twoDecimals(value: Fraction): string {
  const hundredths = (value.n * 200n + value.d) / (2n * value.d);
  const text = `${hundredths / 100n}.${String(hundredths % 100n).padStart(2, '0')}`;
  return value.s < 0n && hundredths > 0n ? `-${text}` : text;
}
