import type { LoadSettings } from '../k6-and-node/load-settings.ts';

// raw/load-shape.json (reports/raw-results.ts): the load a run applied, so a baseline is compared
// only with a run of the same shape, rate, duration and mix.
export const LOAD_SHAPE_FILE = 'load-shape.json';

export function loadShapeRecord(settings: LoadSettings): Record<string, string | number | boolean> {
  return {
    name: settings.shape,
    model: settings.model,
    rate: settings.rate,
    durationS: settings.durationS,
    mix: settings.mix.map((m) => `${m.flow}=${Math.round(m.share * 1000) / 1000}`).join(','),
    sampleEvery: settings.sampleEvery,
    connectionReuse: !settings.noConnectionReuse,
  };
}
