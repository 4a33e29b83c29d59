import { copyTags } from '../metrics/copy-tags.ts';
import type { Vu } from '../vu.ts';
import type { ScenarioRun } from './scenario-run.ts';
import { arrivalOffsets } from './stage-curve.ts';

const YIELD_EVERY = 32;
const NO_GROUP = { group: '' };

/**
 * The open-model executors (constant- and ramping-arrival-rate): iterations start on a schedule,
 * whatever the system's latency. Each takes a free VU, initialising another up to maxVUs when all
 * are busy; with none left the iteration is dropped (`dropped_iterations`). Every start records how
 * late it was against the schedule in `iteration_start_lateness`, so coordinated omission shows.
 */
export async function arrivalRate(s: ScenarioRun): Promise<void> {
  const c = s.config;
  const constant = c.executor === 'constant-arrival-rate';
  const startRate = constant ? c.rate : c.startRate;
  const stages = constant ? [{ durationMs: c.durationMs, target: c.rate }] : c.stages;
  const free: Vu[] = s.begin();
  const endAt = s.startedAt + stages.reduce((t, st) => t + st.durationMs, 0);
  let allocated = free.length;
  const tags = { ...s.run.runTags, scenario: c.name, ...c.tags };
  const metrics = s.run.metrics;

  const schedule = (async () => {
    let startedWithoutWaiting = 0;
    for (const offset of arrivalOffsets(startRate, stages, c.timeUnitMs)) {
      const due = s.startedAt + offset;
      if (due >= endAt) break;
      if (performance.now() < due) {
        startedWithoutWaiting = 0;
        await s.waitUntil(due);
      } else if (++startedWithoutWaiting % YIELD_EVERY === 0) {
        // Behind schedule: let responses be handled between bursts of starts.
        await new Promise((resolve) => setImmediate(resolve));
      }
      if (!s.canStart()) break;
      let vu = free.pop();
      if (!vu && allocated < c.maxVUs) {
        allocated++;
        vu = s.newVu();
        // Its init code threw: the run is stopping.
        if (!vu) break;
      }
      if (!vu) {
        metrics.add('dropped_iterations', 1, tags);
        continue;
      }
      metrics.add('iteration_start_lateness', Math.max(0, performance.now() - due), copyTags(vu.tags, NO_GROUP));
      const running = vu;
      s.run.addActiveVus(1);
      void s.iterate(running).then(() => {
        s.run.addActiveVus(-1);
        if (!running.abandoned) free.push(running);
      });
    }
  })();
  await s.finish(schedule, endAt);
}
