import type { VuState } from '../vu-state.ts';

// One SharedArray per name for the whole run: k6 builds it once and every VU reads the same copy.
const shared = new Map<string, readonly unknown[]>();

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** The `k6/data` module: SharedArray, built once in the init context and read-only afterwards. */
export function dataModule(vu: VuState) {
  class SharedArray {
    constructor(name: string, build: () => unknown[]) {
      if (!vu.initPhase) throw new Error('new SharedArray() must be called in the init context');
      if (typeof build !== 'function')
        throw new Error('new SharedArray(name, fn): fn must be a function returning an array');
      let data = shared.get(name);
      if (!data) {
        const built = build();
        if (!Array.isArray(built)) throw new Error(`SharedArray "${name}": the function must return an array`);
        data = deepFreeze(JSON.parse(JSON.stringify(built)) as unknown[]);
        shared.set(name, data);
      }
      return data as unknown as SharedArray;
    }
  }
  return { SharedArray };
}
