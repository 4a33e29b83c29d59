// Execution segments as k6 defines them. The expected values are k6's: the examples of its options
// reference ("Execution segment") and the tables of its lib/execution_segment_test.go and
// lib/executor/*_test.go (k6 v1), rewritten here as tables of our own.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { constantArrivalOffsets, rampingArrivalOffsets, rampingVuSteps } from '../../engine/executors/stage-curve.ts';
import { ConfigError, normaliseScenarios, type ScenarioConfig } from '../../engine/scenarios.ts';
import { parseExecutionSegment, SegmentError } from '../../engine/segments/execution-segment.ts';
import { executionTupleOf, type ExecutionTuple } from '../../engine/segments/execution-tuple.ts';
import { scenarioShare } from '../../engine/segments/scenario-share.ts';
import { parseSegmentSequence, sequenceString } from '../../engine/segments/segment-sequence.ts';
import { SegmentedIndex } from '../../engine/segments/segmented-index.ts';

const tuple = (segment?: string, sequence?: string) =>
  executionTupleOf({ executionSegment: segment, executionSegmentSequence: sequence });

/** The k6-operator's split into N: `0,1/N,…,1`, instance i running `(i−1)/N:i/N`. */
const evenSequence = (n: number) => Array.from({ length: n + 1 }, (_, i) => `${i}/${n}`).join(',');
const evenSplit = (n: number) => Array.from({ length: n }, (_, i) => tuple(`${i}/${n}:${i + 1}/${n}`, evenSequence(n)));
const WHOLE = tuple();

describe('execution segment strings', () => {
  it('reads fractions, decimals and whole percentages, a single value being the end of a segment from 0', () => {
    const cases: [string, string][] = [
      ['0:1', '0:1'],
      ['0.5:0.75', '1/2:3/4'],
      ['1/2:3/4', '1/2:3/4'],
      ['50%:75%', '1/2:3/4'],
      ['2/4:75%', '1/2:3/4'],
      ['75%', '0:3/4'],
      ['25%', '0:1/4'],
      ['1/3', '0:1/3'],
      ['', '0:1'],
    ];
    for (const [text, segment] of cases) assert.equal(`${parseExecutionSegment(text)}`, segment, text);
  });

  it("refuses what k6 refuses, with k6's messages", () => {
    const cases: [string, string][] = [
      ['125%', "segment end value can't be more than 1 but was 1.25"],
      ['1a5%', "'1a5%' is not a valid percentage"],
      ['1a5', "'1a5' is not a valid percentage, decimal, fraction or interval value"],
      ['1a5%:2/3', "'1a5%' is not a valid percentage"],
      ['125%:250%', "segment end value can't be more than 1 but was 2.50"],
      ['55%:50%', 'segment start(0.55) must be less than its end(0.50)'],
      ['1/2:1/2', 'segment start(0.50) must be less than its end(0.50)'],
      ['-0.5:1', 'segment start value must be at least 0 but was -0.50'],
      ['1/0', "'1/0' is not a valid percentage, decimal, fraction or interval value"],
    ];
    for (const [text, message] of cases)
      assert.throws(() => parseExecutionSegment(text), { name: 'Error', message }, text);
    assert.throws(() => parseExecutionSegment('abc'), SegmentError);
  });
});

describe('execution segment sequences', () => {
  it('reads the points of a chain of segments and writes them back as k6 does', () => {
    const cases: [string, string[], string][] = [
      ['0,1/3,2/3,1', ['0:1/3', '1/3:2/3', '2/3:1'], '0,1/3,2/3,1'],
      ['0.5,0.7,1', ['1/2:7/10', '7/10:1'], '1/2,7/10,1'],
      ['1/3,2/3', ['1/3:2/3'], '1/3,2/3'],
      [
        '0,1/13,2/13,1/3,1/2,3/4,1',
        ['0:1/13', '1/13:2/13', '2/13:1/3', '1/3:1/2', '1/2:3/4', '3/4:1'],
        '0,1/13,2/13,1/3,1/2,3/4,1',
      ],
      ['0,1/4,2/4,3/4,4/4', ['0:1/4', '1/4:1/2', '1/2:3/4', '3/4:1'], '0,1/4,1/2,3/4,1'],
    ];
    for (const [text, segments, written] of cases) {
      const sequence = parseSegmentSequence(text);
      assert.deepEqual(sequence.map(String), segments, text);
      assert.equal(sequenceString(sequence), written);
    }
    assert.deepEqual(parseSegmentSequence(''), []);
  });

  it('refuses a sequence of one point, or whose points do not rise from 0 to 1', () => {
    const cases: [string, string][] = [
      ['0.5', 'at least 2 points are needed for an execution segment sequence, 1 given'],
      ['1,1', 'segment start(1.00) must be less than its end(1.00)'],
      ['-0.5,1', 'segment start value must be at least 0 but was -0.50'],
      ['1/2,1/3', 'segment start(0.50) must be less than its end(0.33)'],
      ['0,1,1/2', 'segment start(1.00) must be less than its end(0.50)'],
      ['0,x,1', "'x' is not a valid percentage, decimal, fraction or interval value"],
    ];
    for (const [text, message] of cases) assert.throws(() => parseSegmentSequence(text), { message }, text);
  });
});

describe('execution segment options', () => {
  it('refuses a segment that is not one of the sequence, naming both and the segments to choose from', () => {
    assert.throws(() => tuple('1/4:1/2', '0,1/3,2/3,1'), {
      name: 'Error',
      message:
        "executionSegment: provided segment 1/4:1/2 can't be found in sequence 0,1/3,2/3,1; give --execution-segment (executionSegment) one of 0:1/3, 1/3:2/3, 2/3:1",
    });
    // A sequence without a segment stands for the whole test, 0:1, which is not one of its segments.
    assert.throws(() => tuple(undefined, '0,1/2,1'), /provided segment 0:1 can't be found in sequence 0,1\/2,1/);
  });

  it('refuses malformed options with the option named and the form to write', () => {
    assert.throws(() => tuple('1a5'), {
      message:
        "executionSegment: '1a5' is not a valid percentage, decimal, fraction or interval value; write a segment like 1/3:2/3, 0.5:1 or 0:25%",
    });
    assert.throws(() => tuple(undefined, '0.5'), /^Error: executionSegmentSequence: at least 2 points/);
    assert.throws(() => executionTupleOf({ executionSegment: 0.5 }), ConfigError);
  });

  it('a segment without a sequence is completed with what comes before and after it', () => {
    const t = tuple('1/3:2/3');
    assert.deepEqual(t.sequence.segments.map(String), ['0:1/3', '1/3:2/3', '2/3:1']);
    assert.equal(`${t.segment}`, '1/3:2/3');
    assert.equal(tuple('0:1', '0,1').sequence.segments.length, 1);
  });
});

describe('striping', () => {
  it("gives each segment k6's striped offsets: its first index, the steps to its next ones, and the cycle", () => {
    const cases: [sequence: string | undefined, segment: string, start: number, steps: number[], lcd: number][] = [
      ['0,0.3,0.5,0.6,0.7,0.8,0.9,1', '0:0.3', 0, [4, 3, 3], 10],
      ['0,0.3,0.5,0.6,0.7,0.8,0.9,1', '0.3:0.5', 1, [4, 6], 10],
      ['0,0.3,0.5,0.6,0.7,0.8,0.9,1', '0.5:0.6', 2, [10], 10],
      ['0,0.3,0.5,0.6,0.7,0.8,0.9,1', '0.6:0.7', 3, [10], 10],
      ['0,0.3,0.5,0.6,0.7,0.8,0.9,1', '0.8:0.9', 8, [10], 10],
      ['0,0.3,0.5,0.6,0.7,0.8,0.9,1', '0.9:1', 9, [10], 10],
      ['0,0.2,0.5,0.6,0.7,0.8,0.9,1', '0:0.2', 1, [4, 6], 10],
      ['0,0.2,0.5', '0:0.2', 3, [6, 4], 10],
      ['0,0.2,0.5', '0.2:0.5', 1, [4, 2, 4], 10],
      ['0,2/5,4/5', '0:2/5', 0, [3, 2], 5],
      ['0,2/5,4/5', '2/5:4/5', 1, [3, 2], 5],
      [undefined, '0:0.2', 1, [5], 5],
      [undefined, '0:2/5', 1, [2, 3], 5],
      [undefined, '2/5:4/5', 1, [3, 2], 5],
      [undefined, '1/10:5/10', 1, [2, 2, 4, 2], 10],
      ['0,1/3,2/3,1', '0:1/3', 0, [3], 3],
      ['0,1/3,2/3,1', '1/3:2/3', 1, [3], 3],
      ['0,1/3,2/3,1', '2/3:1', 2, [3], 3],
    ];
    for (const [sequence, segment, start, steps, lcd] of cases)
      assert.deepEqual(tuple(segment, sequence).stripe(), { start, steps, lcd }, `${segment} in ${sequence}`);
  });

  it('shares out a quantity as k6 does: 10 VUs in thirds are 4, 3 and 3; 50 are 17, 17 and 16', () => {
    const thirds = evenSplit(3);
    const shares = (value: number) => thirds.map((t) => t.scale(value));
    assert.deepEqual(shares(10), [4, 3, 3]);
    assert.deepEqual(shares(50), [17, 17, 16]);
    assert.deepEqual(shares(3), [1, 1, 1]);
    assert.deepEqual(shares(2), [1, 1, 0]);
    assert.deepEqual(shares(1), [1, 0, 0]);
    assert.deepEqual(
      [tuple('0.5').scale(2), tuple('0.5').scale(3), tuple('0.5:1').scale(2), tuple('0.5:1').scale(3)],
      [1, 2, 1, 1],
    );
  });

  it('the shares of all segments add up to the whole for any quantity, and never shrink as it grows', () => {
    const sequences = [2, 3, 4].map(evenSplit);
    const uneven = '0,0.3,0.5,0.6,0.7,0.8,0.9,1';
    const points = uneven.split(',');
    sequences.push(points.slice(1).map((to, i) => tuple(`${points[i]}:${to}`, uneven)));
    for (const segments of sequences) {
      for (let value = 0; value <= 120; value++) {
        assert.equal(
          segments.reduce((sum, t) => sum + t.scale(value), 0),
          value,
          `${value} over ${segments[0].sequence.segments.join(' ')}`,
        );
        for (const t of segments) assert.ok(t.scale(value + 1) >= t.scale(value));
      }
    }
  });

  it('re-segments a sequence by a quantity as k6 does before striping iterations by it', () => {
    const first = tuple('0:1/3', '0,1/3,2/3,1');
    const by20 = first.resegmented(20)!;
    assert.equal(sequenceString(by20.sequence.segments), '0,7/20,7/10,1');
    assert.deepEqual([by20.scale(50), by20.scale(1)], [18, 1]);
    assert.equal(first.resegmented(2)!.scale(50), 25);
    assert.equal(first.resegmented(1)!.scale(50), 50);
    assert.equal(first.resegmented(0), undefined);
    // A segment with no share of the quantity drops out of the derived sequence.
    const [, second, third] = evenSplit(3);
    assert.equal(second.resegmented(1), undefined);
    assert.equal(third.resegmented(2), undefined);
    assert.equal(third.resegmented(20)!.scale(50), 15);
  });

  it("walks a stripe, local number to the test's, forwards, backwards and to a given number of the test", () => {
    // k6's "strange" stripe: indexes 1 and 5 of every 7.
    const index = new SegmentedIndex({ start: 1, steps: [4, 3], lcd: 7 });
    const at = (i: SegmentedIndex) => [i.local, i.global];
    assert.deepEqual(at(index.next()), [1, 2]);
    assert.deepEqual(at(index.previous()), [0, 0]);
    index.next();
    index.next();
    assert.deepEqual(at(index.next()), [3, 9]);
    assert.deepEqual(at(index.previous()), [2, 6]);
    assert.deepEqual(
      [6, 5, 7, 8, 9, 1].map((n) => at(index.goTo(n))),
      [
        [2, 6],
        [1, 2],
        [2, 6],
        [2, 6],
        [3, 9],
        [0, 0],
      ],
    );
    assert.deepEqual(at(index.goTo(9).previous()), [2, 6]);
  });
});

const scenario = (s: Record<string, unknown>): ScenarioConfig => normaliseScenarios({ scenarios: { s } })[0];

describe("each executor's share of the test", () => {
  const executors = {
    'shared-iterations': scenario({ executor: 'shared-iterations', vus: 10, iterations: 50 }),
    'per-vu-iterations': scenario({ executor: 'per-vu-iterations', vus: 5, iterations: 3 }),
    'constant-vus': scenario({ executor: 'constant-vus', vus: 7, duration: '1s' }),
    'ramping-vus': scenario({
      executor: 'ramping-vus',
      startVUs: 3,
      stages: [
        { duration: '500ms', target: 9 },
        { duration: '500ms', target: 0 },
      ],
    }),
    'constant-arrival-rate': scenario({
      executor: 'constant-arrival-rate',
      rate: 30,
      duration: '1s',
      preAllocatedVUs: 4,
      maxVUs: 10,
    }),
    'ramping-arrival-rate': scenario({
      executor: 'ramping-arrival-rate',
      startRate: 0,
      stages: [
        { duration: '500ms', target: 60 },
        { duration: '500ms', target: 0 },
      ],
      preAllocatedVUs: 4,
      maxVUs: 10,
    }),
  };

  /** The test's iteration numbers (from 0) a share runs, and when each starts. */
  function iterationsOf(config: ScenarioConfig, t: ExecutionTuple): { numbers: number[]; startsMs: number[] } {
    const share = scenarioShare(config, t);
    if (!share) return { numbers: [], startsMs: [] };
    const index = new SegmentedIndex(share.iterationTuple.stripe());
    const next = () => index.next().global - 1;
    if (config.executor === 'shared-iterations')
      return { numbers: Array.from({ length: share.iterations }, next), startsMs: [] };
    if (config.executor === 'per-vu-iterations')
      return { numbers: Array.from({ length: share.maxVus * share.iterations }, next), startsMs: [] };
    const offsets =
      config.executor === 'constant-arrival-rate'
        ? constantArrivalOffsets(config.rate, config.timeUnitMs, share.iterationTuple)
        : rampingArrivalOffsets(config.startRate, config.stages, config.timeUnitMs, share.iterationTuple);
    const startsMs: number[] = [];
    for (const t of offsets) {
      if (t >= 1000) break;
      startsMs.push(t);
    }
    return { numbers: startsMs.map(next), startsMs };
  }

  for (const n of [2, 3, 4]) {
    it(`${n} segments together have exactly the whole test's VUs, iterations and arrivals, each its own`, () => {
      for (const [name, config] of Object.entries(executors)) {
        const whole = scenarioShare(config, WHOLE)!;
        const shares = evenSplit(n).map((t) => scenarioShare(config, t));
        const sum = (field: 'plannedVus' | 'maxVus') => shares.reduce((total, s) => total + (s?.[field] ?? 0), 0);
        assert.equal(sum('maxVus'), whole.maxVus, `${name}: VUs`);
        assert.equal(sum('plannedVus'), whole.plannedVus, `${name}: VUs initialised before the test`);
        if (name === 'per-vu-iterations')
          for (const s of shares) assert.equal(s?.iterations, whole.iterations, `${name}: iterations per VU`);

        const all = iterationsOf(config, WHOLE);
        const parts = evenSplit(n).map((t) => iterationsOf(config, t));
        const numbers = parts.flatMap((p) => p.numbers).sort((a, b) => a - b);
        assert.equal(new Set(numbers).size, numbers.length, `${name}: no iteration number run by two segments`);
        // Each segment's VUs run their iterations whatever their number: k6 numbers them by the segment's
        // stripe, so they add up but need not be the whole test's numbers.
        if (name === 'per-vu-iterations') assert.equal(numbers.length, all.numbers.length, `${name}: iterations`);
        else assert.deepEqual(numbers, all.numbers, `${name}: the iterations, each run by one segment only`);
        const starts = parts.flatMap((p) => p.startsMs).sort((a, b) => a - b);
        assert.deepEqual(starts, all.startsMs, `${name}: the arrivals, at the whole test's times`);
      }
    });
  }

  it('in thirds: 10 VUs and 50 shared iterations run as 4 VUs and 20 iterations, 3 and 15, 3 and 15', () => {
    const shares = evenSplit(3).map((t) => scenarioShare(executors['shared-iterations'], t)!);
    assert.deepEqual(
      shares.map((s) => [s.maxVus, s.iterations]),
      [
        [4, 20],
        [3, 15],
        [3, 15],
      ],
    );
  });

  it('in thirds: arrivals follow maxVUs, 30 per second with 10 maxVUs starting 12, 9 and 9 a second', () => {
    const counts = evenSplit(3).map((t) => iterationsOf(executors['constant-arrival-rate'], t).numbers.length);
    assert.deepEqual(counts, [12, 9, 9]);
    const planned = evenSplit(3).map((t) => scenarioShare(executors['constant-arrival-rate'], t)!.plannedVus);
    assert.deepEqual(planned, [2, 1, 1]);
  });

  it('a segment with no share of a scenario does not run it, as k6 skips an executor without work', () => {
    const one = scenario({ executor: 'per-vu-iterations', vus: 1, iterations: 5 });
    assert.deepEqual(
      evenSplit(3).map((t) => scenarioShare(one, t)?.maxVus),
      [1, undefined, undefined],
    );
    const twoVus = scenario({ executor: 'shared-iterations', vus: 2, iterations: 2 });
    assert.deepEqual(
      evenSplit(3).map((t) => scenarioShare(twoVus, t)?.iterations),
      [1, 1, undefined],
    );
  });

  it("constant-arrival-rate starts a segment's iterations at k6's times: 50 a second with 20 maxVUs", () => {
    const config = scenario({
      executor: 'constant-arrival-rate',
      rate: 50,
      duration: '2s',
      preAllocatedVUs: 10,
      maxVUs: 20,
    });
    const cases: [segment: string, sequence: string | undefined, start: number, steps: number[]][] = [
      ['0:1/3', undefined, 20, [40, 60, 60, 60, 60, 60, 60]],
      ['1/3:2/3', undefined, 20, [60, 60, 60, 60, 60, 60, 40]],
      ['2/3:1', undefined, 20, [40, 60, 60, 60, 60, 60, 60]],
      ['1/6:3/6', undefined, 20, [40, 80, 40, 80, 40, 80, 40]],
      ['1/6:3/6', '1/6,3/6', 20, [40, 80, 40, 80, 40, 80, 40]],
      ['0:1/3', '0,1/3,2/3,1', 0, [60, 60, 60, 60, 60, 60, 40]],
      ['1/3:2/3', '0,1/3,2/3,1', 20, [60, 60, 60, 60, 60, 60, 40]],
      ['2/3:1', '0,1/3,2/3,1', 40, [60, 60, 60, 60, 60, 100]],
    ];
    for (const [segment, sequence, start, steps] of cases) {
      const share = scenarioShare(config, tuple(segment, sequence))!;
      const offsets = constantArrivalOffsets(config.rate, config.timeUnitMs, share.iterationTuple);
      const expected = [start];
      for (let i = 0; expected.length < 2 * steps.length + 1; i++)
        expected.push(expected.at(-1)! + steps[i % steps.length]);
      const actual = expected.map(() => Math.round(offsets.next().value as number));
      assert.deepEqual(actual, expected, `${segment} in ${sequence}`);
    }
  });

  it("ramping-arrival-rate numbers a segment's iterations in the test as k6 does", () => {
    const config = scenario({
      executor: 'ramping-arrival-rate',
      startRate: 0,
      timeUnit: '950ms',
      stages: [
        { duration: '1s', target: 20 },
        { duration: '1s', target: 0 },
      ],
      preAllocatedVUs: 4,
      maxVUs: 5,
    });
    const cases: [string, number[]][] = [
      ['0:1/4', [1, 6, 11, 16]],
      ['1/4:3/4', [0, 2, 4, 5, 7, 9, 10, 12, 14, 15, 17, 19, 20]],
      ['3/4:1', [3, 8, 13, 18]],
    ];
    for (const [segment, numbers] of cases) {
      const share = scenarioShare(config, tuple(segment, '0,1/4,3/4,1'))!;
      const index = new SegmentedIndex(share.iterationTuple.stripe());
      const offsets = [
        ...rampingArrivalOffsets(config.startRate, config.stages, config.timeUnitMs, share.iterationTuple),
      ];
      assert.deepEqual(
        offsets.filter((t) => t < 2000).map(() => index.next().global - 1),
        numbers,
        segment,
      );
    }
  });

  it("ramping-vus plans a segment's VUs as k6 does, so that the segments' counts add up to the test's at every moment", () => {
    const stages = [
      [6, 2],
      [1, 5],
      [5, 4],
      [1, 4],
      [4, 3],
      [4, 2],
      [1, 0],
      [1, 3],
      [5, 0],
      [5, 3],
      [0, 0],
      [2, 2],
      [0, 2],
      [4, 4],
    ].map(([target, seconds]) => ({ target, durationMs: seconds * 1000 }));
    // k6's plans in seconds and VUs, [at, vus] from a change to the next; all end at 34 s with none.
    const cases: [segment: string | undefined, sequence: string | undefined, plan: number[][]][] = [
      [
        undefined,
        undefined,
        [
          [0, 4],
          [1, 5],
          [2, 6],
          [3, 5],
          [4, 4],
          [5, 3],
          [6, 2],
          [7, 1],
          [8, 2],
          [9, 3],
          [10, 4],
          [11, 5],
          [12, 4],
          [13, 3],
          [14, 2],
          [15, 1],
          [16, 2],
          [17, 3],
          [18, 4],
          [20, 1],
          [23, 5],
          [26, 0],
          [27, 1],
          [28, 2],
          [29, 1],
          [30, 0],
          [31, 1],
          [32, 2],
          [33, 3],
          [34, 4],
        ],
      ],
      [
        '0:1/3',
        undefined,
        [
          [0, 1],
          [1, 2],
          [4, 1],
          [7, 0],
          [8, 1],
          [11, 2],
          [12, 1],
          [15, 0],
          [16, 1],
          [20, 0],
          [23, 2],
          [26, 0],
          [28, 1],
          [29, 0],
          [32, 1],
        ],
      ],
      [
        '0:1/3',
        '0,1/3,2/3,1',
        [
          [0, 2],
          [5, 1],
          [10, 2],
          [13, 1],
          [18, 2],
          [20, 1],
          [23, 2],
          [26, 0],
          [27, 1],
          [30, 0],
          [31, 1],
          [34, 2],
        ],
      ],
      [
        '1/3:2/3',
        '0,1/3,2/3,1',
        [
          [0, 1],
          [1, 2],
          [4, 1],
          [7, 0],
          [8, 1],
          [11, 2],
          [12, 1],
          [15, 0],
          [16, 1],
          [20, 0],
          [23, 2],
          [26, 0],
          [28, 1],
          [29, 0],
          [32, 1],
        ],
      ],
      [
        '2/3:1',
        '0,1/3,2/3,1',
        [
          [0, 1],
          [2, 2],
          [3, 1],
          [6, 0],
          [9, 1],
          [14, 0],
          [17, 1],
          [20, 0],
          [23, 1],
          [26, 0],
          [33, 1],
        ],
      ],
    ];
    const planOf = (t: ExecutionTuple) =>
      rampingVuSteps(4, stages, t).map(({ atMs, vus }) => [Math.round(atMs) / 1000, vus]);
    for (const [segment, sequence, plan] of cases)
      assert.deepEqual(planOf(tuple(segment, sequence)), [...plan, [34, 0]], `${segment} in ${sequence}`);

    const vusAt = (plan: number[][], s: number) => plan.filter(([at]) => at <= s).at(-1)![1];
    const whole = planOf(WHOLE);
    for (const n of [2, 3, 4]) {
      const plans = evenSplit(n).map(planOf);
      for (let ms = 0; ms <= 34_000; ms += 250) {
        const s = ms / 1000;
        assert.equal(
          plans.reduce((sum, plan) => sum + vusAt(plan, s), 0),
          vusAt(whole, s),
          `${n} segments at ${s} s`,
        );
      }
    }
  });
});
