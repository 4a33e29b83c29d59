import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { constantArrivalOffsets, rampingArrivalOffsets, rampingVuSteps } from '../../engine/executors/stage-curve.ts';

const first = (offsets: Generator<number>, n: number) => Array.from({ length: n }, () => offsets.next().value);
const all = (offsets: Generator<number>) => [...offsets].map((t) => Math.round(t * 1000) / 1000);

describe('stage curves', () => {
  it('constant-arrival-rate starts its first iteration at once, then one every timeUnit/rate', () => {
    assert.deepEqual(first(constantArrivalOffsets(4, 1000), 4), [0, 250, 500, 750]);
    assert.deepEqual(first(constantArrivalOffsets(1, 60_000), 2), [0, 60_000]);
  });

  it('ramping-arrival-rate starts iteration n when the area under the rate reaches n', () => {
    // A steady 2 per second: the first after half a second, not at once.
    assert.deepEqual(all(rampingArrivalOffsets(2, [{ durationMs: 2000, target: 2 }], 1000)), [500, 1000, 1500, 2000]);
    // From 0 to 4 per second over 1 s (area 2), then 4 per second for 1 s (area 4): area(t) = 2t² in the ramp.
    assert.deepEqual(
      all(
        rampingArrivalOffsets(
          0,
          [
            { durationMs: 1000, target: 4 },
            { durationMs: 1000, target: 4 },
          ],
          1000,
        ),
      ),
      [707.107, 1000, 1250, 1500, 1750, 2000],
    );
    assert.deepEqual(all(rampingArrivalOffsets(0, [{ durationMs: 2000, target: 1 }], 60_000)), [], 'an area below 1');
  });

  it('ramping-vus adds a VU when the curve reaches it and takes one out when the curve falls to the count below', () => {
    assert.deepEqual(
      rampingVuSteps(0, [
        { durationMs: 600, target: 4 },
        { durationMs: 600, target: 4 },
        { durationMs: 300, target: 0 },
      ]),
      [
        { atMs: 0, vus: 0 },
        { atMs: 150, vus: 1 },
        { atMs: 300, vus: 2 },
        { atMs: 450, vus: 3 },
        { atMs: 600, vus: 4 },
        { atMs: 1275, vus: 3 },
        { atMs: 1350, vus: 2 },
        { atMs: 1425, vus: 1 },
        { atMs: 1500, vus: 0 },
      ],
    );
  });

  it('ramping-vus jumps at the end of a stage of no duration, and no VU loops after the last stage', () => {
    assert.deepEqual(
      rampingVuSteps(2, [
        { durationMs: 0, target: 5 },
        { durationMs: 1000, target: 5 },
      ]),
      [
        { atMs: 0, vus: 2 },
        { atMs: 0, vus: 5 },
        { atMs: 1000, vus: 0 },
      ],
    );
  });
});
