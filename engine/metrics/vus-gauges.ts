import type { RunState } from '../run-state.ts';

const SAMPLE_EVERY_MS = 1000;

/**
 * The vus and vus_max gauges as k6 emits them: a sample of each every second, from before the VUs
 * initialise until teardown() has run, and none at the end. A run shorter than a second has neither in
 * its summary; vus counts the VUs running iterations at that moment (an arrival-rate VU between two
 * iterations is not running). Returns the stop.
 */
export function sampleVusGauges(run: RunState): () => void {
  const timer = setInterval(() => {
    run.metrics.add('vus', run.activeVus, { ...run.runTags });
    run.metrics.add('vus_max', run.initialisedVus, { ...run.runTags });
  }, SAMPLE_EVERY_MS);
  return () => clearInterval(timer);
}
