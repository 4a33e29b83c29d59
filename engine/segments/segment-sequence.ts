// k6's execution segment sequence: the chain of segments the instances of one distributed test run,
// written as its points (`0,1/3,2/3,1`). Every instance that knows the sequence stripes the work the
// same way, so their shares never overlap.
import Fraction from 'fraction.js';
import { ExecutionSegment, parseRatio, SegmentError } from './execution-segment.ts';

/** Parses `--execution-segment-sequence` / `executionSegmentSequence`; empty: none given. */
export function parseSegmentSequence(text: string): ExecutionSegment[] {
  if (text === '') return [];
  const points = text.split(',');
  if (points.length < 2)
    throw new SegmentError(`at least 2 points are needed for an execution segment sequence, ${points.length} given`);
  const rationals = points.map(parseRatio);
  return rationals.slice(1).map((to, i) => ExecutionSegment.of(rationals[i], to));
}

/** As k6 writes a sequence: its points, `0,1/3,2/3,1`. */
export function sequenceString(sequence: readonly ExecutionSegment[]): string {
  if (sequence.length === 0) return '';
  return [sequence[0].from, ...sequence.map((s) => s.to)].map((p) => p.toFraction()).join(',');
}

/**
 * The sequence with its gaps at either end filled, as k6 completes it, so that it covers 0 to 1; with
 * no sequence, the segment alone with what comes before and after it.
 */
export function filledSequence(sequence: readonly ExecutionSegment[], segment: ExecutionSegment): ExecutionSegment[] {
  const filled = sequence.length > 0 ? [...sequence] : [segment];
  const zero = new Fraction(0);
  const one = new Fraction(1);
  if (!filled[0].from.equals(zero)) filled.unshift(new ExecutionSegment(zero, filled[0].from));
  const last = filled[filled.length - 1];
  if (!last.to.equals(one)) filled.push(new ExecutionSegment(last.to, one));
  return filled;
}
