import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ModuleResolver, VuGlobals } from '../load-script.ts';
import type { VuState } from '../vu-state.ts';
import { httpModule } from './http.ts';
import { k6Module } from './k6.ts';
import { metricsModule } from './metrics.ts';

/** The `require` a VU's script instance sees: k6's modules bound to that VU, nothing else. */
export function moduleResolver(vu: VuState): ModuleResolver {
  const cache = new Map<string, unknown>();
  const build: Record<string, () => unknown> = {
    k6: () => k6Module(vu),
    'k6/http': () => httpModule(vu),
    'k6/metrics': () => metricsModule(vu),
    'k6/execution': () => ({
      vu: { get idInTest() { return vu.id; }, get iterationInScenario() { return vu.iteration; } },
      scenario: { get name() { return vu.scenario; } },
    }),
  };
  return (specifier) => {
    let mod = cache.get(specifier);
    if (mod) return mod;
    const make = build[specifier];
    if (!make) throw new Error(`the local engine has no module "${specifier}"`);
    mod = withDefault(make());
    cache.set(specifier, mod);
    return mod;
  };
}

// esbuild's CJS output reads `default` for default imports and named properties for named ones.
function withDefault(mod: unknown): unknown {
  return Object.assign(Object.create(null), mod as object, { default: mod, __esModule: true });
}

/** The VU's globals: __VU, __ITER, __ENV and open() (init context only, relative to the script). */
export function vuGlobals(vu: VuState, env: Record<string, string>, scriptDir: string, initPhase: () => boolean): VuGlobals {
  return {
    get id() {
      return vu.id;
    },
    get iter() {
      return vu.iteration;
    },
    env,
    open(file: string, mode?: string) {
      if (!initPhase()) throw new Error('open() can only be called from the init context');
      const data = readFileSync(path.resolve(scriptDir, file));
      return mode === 'b' ? data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) : data.toString('utf8');
    },
  };
}
