import { buildSync } from 'esbuild';
import path from 'node:path';
import vm from 'node:vm';

/** What one VU sees of its own: __VU, __ITER, __ENV and open(). */
export interface VuGlobals {
  readonly id: number;
  readonly iter: number;
  readonly env: Record<string, string>;
  open(file: string, mode?: string): string | ArrayBuffer;
}

export type ModuleResolver = (specifier: string) => unknown;

export interface ScriptExports {
  options?: Record<string, unknown>;
  default?: (data: unknown) => unknown;
  setup?: () => unknown;
  teardown?: (data: unknown) => unknown;
  handleSummary?: (data: unknown) => unknown;
  [name: string]: unknown;
}

export type ScriptFactory = (resolve: ModuleResolver, vu: VuGlobals) => ScriptExports;

/**
 * Compiles a k6 script once into a factory that instantiates it per VU. As in k6, each VU gets its own
 * module state (a top-level `let` counts per VU) and runs the init code with its own `__VU`: k6's
 * per-VU globals are rewritten to reads of the VU's own object, so instances never share them.
 * Relative imports are bundled in; `k6` and `k6/*` stay imports, served by the engine per VU.
 */
export function loadScript(file: string): { factory: ScriptFactory; dir: string } {
  const result = buildSync({
    entryPoints: [file],
    bundle: true,
    write: false,
    format: 'cjs',
    platform: 'neutral',
    target: 'es2022',
    external: ['k6', 'k6/*'],
    logLevel: 'silent',
    define: { __VU: '__k6vu.id', __ITER: '__k6vu.iter', __ENV: '__k6vu.env', open: '__k6vu.open' },
  });
  const code = result.outputFiles[0].text;
  const wrapped = `(function (require, module, exports, __k6vu) {\n${code}\n})`;
  const compiled = new vm.Script(wrapped, { filename: path.resolve(file) }).runInThisContext() as (
    require: ModuleResolver,
    module: { exports: ScriptExports },
    exports: ScriptExports,
    vu: VuGlobals,
  ) => void;
  const factory: ScriptFactory = (resolve, vu) => {
    const module = { exports: {} as ScriptExports };
    compiled(resolve, module, module.exports, vu);
    return module.exports;
  };
  return { factory, dir: path.dirname(path.resolve(file)) };
}
