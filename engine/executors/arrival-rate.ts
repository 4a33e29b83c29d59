import { fixedLengthDuration, fixedLengthFloat, fixedLengthInt, goDuration } from '../progress/go-durations.ts';
import { plannedDurationMs } from '../scenarios.ts';
import type { Vu } from '../vu.ts';
import type { ExecutionSegment } from '../segments/execution-segment.ts';
import type { ScenarioRun } from './scenario-run.ts';
import { constantArrivalOffsets, rampingArrivalOffsets } from './stage-curve.ts';

const YIELD_EVERY = 32;

/**
 * The open-model executors (constant- and ramping-arrival-rate), as k6 runs them: iterations start on
 * a schedule, whatever the system's latency, for the executor's whole duration (however few are due
 * in it). Each takes a free VU; with none free the iteration is dropped (`dropped_iterations`) and,
 * while fewer than maxVUs exist, one more VU is initialised in the background, one at a time, for the
 * iterations that follow.
 */
export async function arrivalRate(s: ScenarioRun): Promise<void> {
  const c = s.config;
  const constant = c.executor === 'constant-arrival-rate';
  const { iterationTuple, maxVus } = s.share;
  const offsets = constant
    ? constantArrivalOffsets(c.rate, c.timeUnitMs, iterationTuple)
    : rampingArrivalOffsets(c.startRate, c.stages, c.timeUnitMs, iterationTuple);
  const durationMs = plannedDurationMs(c);
  // The rate its progress bar shows, a second: constant, or the one between the last two starts; scaled
  // by the segment as k6 shows it (constant-arrival-rate's by the segment of its iterations).
  const perSecond = (rate: number, segment: ExecutionSegment) =>
    (rate * segment.length.valueOf() * 1000) / c.timeUnitMs;
  const maxPerSecond = constant
    ? perSecond(c.rate, iterationTuple.segment)
    : perSecond(Math.max(c.startRate, ...c.stages.map((st) => st.target)), s.share.tuple.segment);
  let currentPerSecond = constant ? maxPerSecond : 0;
  let previousOffset = 0;
  let allocated = 0;
  const free: Vu[] = [
    ...s.begin(() => {
      const spent = s.spentMs;
      return {
        progress: Math.min(1, spent / durationMs),
        right: [
          `${fixedLengthInt(s.iterationsRunning, maxVus)}/${fixedLengthInt(allocated, maxVus)} VUs`,
          spent > durationMs
            ? goDuration(durationMs)
            : `${fixedLengthDuration(spent, durationMs)}/${goDuration(durationMs)}`,
          `${fixedLengthFloat(currentPerSecond, maxPerSecond, 2)} iters/s`,
        ],
      };
    }),
  ];
  allocated = free.length;
  const endAt = s.startedAt + durationMs;
  let unplanned = maxVus - free.length;
  let initialising = false;
  let warned = false;
  const tags = s.metricTags();
  const metrics = s.run.metrics;

  const run = (vu: Vu) => {
    s.addActiveVus(1);
    void s.iterate(vu).then(() => {
      s.addActiveVus(-1);
      if (!vu.abandoned) free.push(vu);
    });
  };
  const initialiseOneMore = () => {
    const vu = s.newVu();
    // Its init code threw: the run is stopping.
    if (!vu) return;
    initialising = true;
    vu.ready.then(
      () => {
        initialising = false;
        allocated++;
        free.push(vu);
      },
      () => {},
    );
  };

  const schedule = (async () => {
    let startedWithoutWaiting = 0;
    for (const offset of offsets) {
      const due = s.startedAt + offset;
      if (due >= endAt) break;
      if (!constant && offset > previousOffset) currentPerSecond = 1000 / (offset - previousOffset);
      previousOffset = offset;
      if (performance.now() < due) {
        startedWithoutWaiting = 0;
        await s.waitUntil(due);
      } else if (++startedWithoutWaiting % YIELD_EVERY === 0) {
        // Behind schedule: let responses be handled between bursts of starts.
        await new Promise((resolve) => setImmediate(resolve));
      }
      if (!s.canStart()) return;
      const vu = free.pop();
      if (vu) {
        run(vu);
        continue;
      }
      metrics.add('dropped_iterations', 1, tags);
      if (unplanned === 0) {
        if (!warned) s.log('warn', `Insufficient VUs, reached ${maxVus} active VUs and cannot initialize more`);
        warned = true;
      } else if (!initialising) {
        unplanned--;
        initialiseOneMore();
      }
    }
    // No iteration is due before the end: the executor still runs its whole duration, as in k6.
    await s.waitUntil(endAt);
  })();
  await s.finish(schedule, endAt);
}
