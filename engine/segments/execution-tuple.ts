// k6's execution tuple: this instance's segment and the (filled) sequence it belongs to, which together
// say how much of each quantity in the test is this instance's, and which of the test's VUs and
// iterations those are.
import { ConfigError } from '../scenarios.ts';
import { ExecutionSegment, parseExecutionSegment, SegmentError } from './execution-segment.ts';
import { filledSequence, parseSegmentSequence, sequenceString } from './segment-sequence.ts';
import { StripedSequence, type Stripe } from './striped-sequence.ts';

export class ExecutionTuple {
  constructor(
    readonly sequence: StripedSequence,
    readonly index: number,
  ) {}

  /** The tuple of a run that is not segmented: the whole test, 0:1 in 0,1. */
  static readonly WHOLE_TEST = new ExecutionTuple(new StripedSequence([ExecutionSegment.FULL]), 0);

  get segment(): ExecutionSegment {
    return this.sequence.segments[this.index];
  }

  /** This instance's share of `value` (VUs, iterations): the shares of all segments add up to `value`. */
  scale(value: number): number {
    return this.sequence.segments.length === 1 ? value : this.sequence.scale(this.index, value);
  }

  /** The indexes of the whole test's VUs or iterations that are this instance's. */
  stripe(): Stripe {
    return this.sequence.stripe(this.index);
  }

  /** The tuple re-segmented by a quantity `value` (see StripedSequence.resegmented); undefined: no share of it. */
  resegmented(value: number): ExecutionTuple | undefined {
    const derived = this.sequence.resegmented(value, this.index);
    return derived && new ExecutionTuple(derived.sequence, derived.index);
  }
}

/**
 * The run's tuple from the consolidated options `executionSegment` and `executionSegmentSequence`
 * (strings, as k6 takes them in a script's options or on the command line). A segment that is not one of
 * the sequence's is refused, as in k6, so that instances sharing a sequence cannot overlap.
 */
export function executionTupleOf(options: Record<string, unknown>): ExecutionTuple {
  const segmentText = textOption(options, 'executionSegment');
  const sequenceText = textOption(options, 'executionSegmentSequence');
  if (segmentText === undefined && sequenceText === undefined) return ExecutionTuple.WHOLE_TEST;
  const segment =
    segmentText === undefined
      ? ExecutionSegment.FULL
      : parsedOption('executionSegment', segmentText, parseExecutionSegment);
  const sequence =
    sequenceText === undefined ? [] : parsedOption('executionSegmentSequence', sequenceText, parseSegmentSequence);
  if (sequence.length > 0 && !sequence.some((s) => s.equals(segment))) {
    throw new ConfigError(
      `executionSegment: provided segment ${segment} can't be found in sequence ${sequenceString(sequence)}; ` +
        `give --execution-segment (executionSegment) one of ${sequence.join(', ')}`,
    );
  }
  const filled = filledSequence(sequence, segment);
  if (filled.length === 1) return ExecutionTuple.WHOLE_TEST;
  return new ExecutionTuple(
    new StripedSequence(filled),
    filled.findIndex((s) => s.equals(segment)),
  );
}

function textOption(options: Record<string, unknown>, name: string): string | undefined {
  const value = options[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string')
    throw new ConfigError(`${name}: expected a string such as "1/3:2/3" (segment) or "0,1/3,2/3,1" (sequence)`);
  return value;
}

function parsedOption<T>(name: keyof typeof SEGMENT_FORMS, text: string, parse: (text: string) => T): T {
  try {
    return parse(text);
  } catch (error) {
    if (!(error instanceof SegmentError)) throw error;
    throw new ConfigError(`${name}: ${error.message}; ${SEGMENT_FORMS[name]}`);
  }
}

/** How to write each option, for the fix in a parse error. */
export const SEGMENT_FORMS = {
  executionSegment: 'write a segment like 1/3:2/3, 0.5:1 or 0:25%',
  executionSegmentSequence: 'write a sequence of points from 0 to 1 like 0,1/3,2/3,1',
} as const;
