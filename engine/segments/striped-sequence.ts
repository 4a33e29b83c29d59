// The striping k6 uses to share out indivisible things (VUs, iterations) between the segments of a
// sequence: of every `lcd` consecutive indexes (lcd being the least common denominator of the segments'
// lengths), a segment of length a/lcd owns a, spread as evenly as can be rather than in one block.
// Every instance computes the same stripes from the sequence alone, so N instances together own each
// index exactly once: scaled VU counts add up to the whole test's, and iterations never overlap.
import Fraction from 'fraction.js';
import { ExecutionSegment } from './execution-segment.ts';

/** The indexes a segment owns: the first, then the steps to each next one, repeating every `lcd`. */
export interface Stripe {
  start: number;
  steps: number[];
  lcd: number;
}

export class StripedSequence {
  readonly lcd: number;
  private readonly stripes: Stripe[];

  /** `segments` cover 0 to 1 without gaps (see filledSequence). */
  constructor(readonly segments: readonly ExecutionSegment[]) {
    this.lcd = segments.reduce((lcd, s) => leastCommonMultiple(lcd, Number(s.length.d)), 1);
    this.stripes = stripesOf(segments, this.lcd);
  }

  stripe(index: number): Stripe {
    return this.stripes[index];
  }

  /** How many of the first `value` indexes (0 … value−1) segment `index` owns: its share of `value`. */
  scale(index: number, value: number): number {
    const { start, steps } = this.stripes[index];
    let owned = Math.floor(value / this.lcd) * steps.length;
    const rest = value % this.lcd;
    for (let at = start, step = 0; at < rest; at += steps[step++]) owned++;
    return owned;
  }

  /**
   * The sequence k6 derives for a quantity `value` shared out by this one: each segment's length becomes
   * its share of `value` over `value`, and segments with no share drop out. k6 stripes the iterations of
   * shared-iterations and the arrival-rate executors by it (re-segmented by their VUs), so that a
   * segment runs iterations only where it has VUs. Undefined when segment `index` gets no share.
   */
  resegmented(value: number, index: number): { sequence: StripedSequence; index: number } | undefined {
    if (value < 1) return undefined;
    if (value % this.lcd === 0) return { sequence: this, index };
    const segments: ExecutionSegment[] = [];
    let tracked = -1;
    let from = 0;
    this.segments.forEach((_, i) => {
      const share = this.scale(i, value);
      if (share === 0) return;
      if (i === index) tracked = segments.length;
      segments.push(new ExecutionSegment(new Fraction(from, value), new Fraction(from + share, value)));
      from += share;
    });
    return tracked < 0 ? undefined : { sequence: new StripedSequence(segments), index: tracked };
  }
}

/**
 * k6's striping: the biggest segments choose first; going through the indexes 0 … lcd−1, each index
 * goes to the first segment (biggest first) that is due another one, a segment of a/lcd being due its
 * (k+1)-th index once the index reaches k·lcd/a.
 */
function stripesOf(segments: readonly ExecutionSegment[], lcd: number): Stripe[] {
  const owned = segments.map((s) => Number(s.length.n) * (lcd / Number(s.length.d)));
  const biggestFirst = segments.map((_, i) => i).sort((a, b) => owned[b] - owned[a]);
  const chosen = segments.map(() => 0);
  const positions: number[][] = segments.map(() => []);
  for (let index = 0; index < lcd; index++) {
    for (const segment of biggestFirst) {
      const due = chosen[segment] * lcd;
      const threshold = Math.floor(due / owned[segment]);
      if (index > threshold || (index === threshold && due % owned[segment] === 0)) {
        chosen[segment]++;
        positions[segment].push(index);
        break;
      }
    }
  }
  return positions.map((p) => ({
    start: p[0],
    steps: p.map((at, i) => (i + 1 < p.length ? p[i + 1] : p[0] + lcd) - at),
    lcd,
  }));
}

function greatestCommonDivisor(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

function leastCommonMultiple(a: number, b: number): number {
  return (a / greatestCommonDivisor(a, b)) * b;
}
