import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ModuleResolver, VuGlobals } from '../load-script.ts';
import type { VuState } from '../vu-state.ts';
import { cryptoModule } from './crypto.ts';
import { dataModule } from './data.ts';
import { encodingModule } from './encoding.ts';
import { executionModule } from './execution.ts';
import { httpModule } from './http.ts';
import { k6Module } from './k6.ts';
import { metricsModule } from './metrics.ts';

const timers = () => ({ setTimeout, clearTimeout, setInterval, clearInterval });

const MODULES: Record<string, (vu: VuState) => unknown> = {
  k6: k6Module,
  'k6/http': httpModule,
  'k6/metrics': metricsModule,
  'k6/execution': executionModule,
  'k6/encoding': encodingModule,
  'k6/crypto': cryptoModule,
  'k6/data': dataModule,
  'k6/timers': timers,
};

/** The `require` a VU's script instance sees: k6's modules bound to that VU, nothing else. */
export function moduleResolver(vu: VuState): ModuleResolver {
  const cache = new Map<string, unknown>();
  return (specifier) => {
    let mod = cache.get(specifier);
    if (mod) return mod;
    const make = MODULES[specifier];
    if (!make) {
      throw new Error(
        `the local engine has no module "${specifier}" (it provides ${Object.keys(MODULES).join(', ')}); run this script with k6`,
      );
    }
    mod = withDefault(make(vu));
    cache.set(specifier, mod);
    return mod;
  };
}

// esbuild's CJS output reads `default` for default imports and named properties for named ones. No
// `__esModule` mark: without it esbuild's interop keeps `default` a plain value, where with it every
// `http.asyncRequest` of `import http from 'k6/http'` would go through a getter.
function withDefault(mod: unknown): unknown {
  return Object.assign(Object.create(null), mod as object, { default: mod });
}

/** The VU's globals: __VU, __ITER, __ENV and open() (init context only, relative to the script). */
export function vuGlobals(vu: VuState, scriptDir: string): VuGlobals {
  return {
    get id() {
      return vu.id;
    },
    get iter() {
      return vu.iteration;
    },
    get env() {
      return vu.env;
    },
    open(file: string, mode?: string) {
      if (!vu.initPhase) throw new Error('open() can only be called from the init context');
      const data = readFileSync(path.resolve(scriptDir, file));
      return mode === 'b'
        ? data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength)
        : data.toString('utf8');
    },
  };
}
