import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runnerSegment, segmentCoverage } from '../../reports/execution-segments.ts';

describe('execution segments of a split run', () => {
  it("gives runner i of N k6-operator's flags: (i-1)/N:i/N, with 0 and 1 written as 0 and 1", () => {
    assert.deepEqual(runnerSegment(1, 1), { segment: '0:1', sequence: '0,1' });
    assert.deepEqual(
      [1, 2, 3].map((i) => runnerSegment(i, 3)),
      [
        { segment: '0:1/3', sequence: '0,1/3,2/3,1' },
        { segment: '1/3:2/3', sequence: '0,1/3,2/3,1' },
        { segment: '2/3:1', sequence: '0,1/3,2/3,1' },
      ],
    );
    // unreduced, as the operator writes them
    assert.deepEqual(runnerSegment(2, 4), { segment: '1/4:2/4', sequence: '0,1/4,2/4,3/4,1' });
  });

  it('accepts segments that cover the test once, in any order and in any of the notations k6 reads', () => {
    assert.equal(segmentCoverage(['2/3:1', '0:1/3', '1/3:2/3']), undefined);
    assert.equal(segmentCoverage(['0:50%', '0.5:3/4', '75%:1']), undefined);
    assert.equal(segmentCoverage(['1/2', '1/2:1']), undefined);
  });

  it('names the part of the test no runner ran, and segments that overlap', () => {
    const gap = (message: string) => ({ kind: 'gap', message });
    const overlap = (message: string) => ({ kind: 'overlap', message });
    assert.deepEqual(segmentCoverage(['0:1/3', '2/3:1']), gap('no runner ran 1/3:2/3 of the test'));
    assert.deepEqual(segmentCoverage(['0:1/4', '1/4:2/4']), gap('no runner ran 1/2:1 of the test'));
    assert.deepEqual(segmentCoverage(['1/3:2/3', '2/3:1']), gap('no runner ran 0:1/3 of the test'));
    assert.deepEqual(segmentCoverage(['0:1/2', '1/3:1']), overlap('segments 0:1/2 and 1/3:1 overlap'));
    assert.deepEqual(segmentCoverage(['0:1/2', '0:1/2', '1/2:1']), overlap('segments 0:1/2 and 0:1/2 overlap'));
    assert.deepEqual(segmentCoverage(['0:1', '2:3']), {
      kind: 'unreadable',
      message: '"2:3" is not an execution segment (from:to, between 0 and 1)',
    });
  });
});
