import vm from 'node:vm';
import { registerSourceMap, type ScriptSourceMap } from './script-error.ts';

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

export type ScriptFactory = ((resolve: ModuleResolver, vu: VuGlobals) => ScriptExports) & {
  /** V8's code for the script as compiled so far, for threads to start from (CompiledScript.codeCache). */
  codeCache(): SharedArrayBuffer;
};

/** `bytes` in memory that worker threads share rather than copy (a source map, a code cache). */
export function sharedCopy(bytes: Uint8Array): SharedArrayBuffer {
  const shared = new SharedArrayBuffer(bytes.byteLength);
  new Uint8Array(shared).set(bytes);
  return shared;
}

/** A k6 script compiled once for the run: plain code that worker threads can instantiate too. */
export interface CompiledScript {
  file: string;
  dir: string;
  code: string;
  /** Whether the script calls k6's blocking functions (sleep, http.get, http.batch…). */
  usesBlockingApis: boolean;
  /** From `code` back to the script's sources, for its errors' stack frames. */
  sourceMap?: ScriptSourceMap;
  /**
   * V8's code for `code`, made by the main thread once its VU ran the init code: a VU host thread
   * starts from it instead of parsing and compiling the script again (a suite bundle is megabytes, and
   * a script that blocks has a thread per VU).
   */
  codeCache?: SharedArrayBuffer;
}

/**
 * Turns the compiled script into a factory that instantiates it per VU. As in k6, each VU gets its own
 * module state (a top-level `let` counts per VU) and runs the init code with its own `__VU`: k6's
 * per-VU globals are rewritten to reads of the VU's own object, so instances never share them.
 */
export function scriptFactory(script: CompiledScript): ScriptFactory {
  registerSourceMap(script.file, script.sourceMap);
  const wrapped = `(function (require, module, exports, __k6vu) {\n${script.code}\n})`;
  // The wrapper's line does not count: stack frames give the lines of the compiled code, which its source map maps.
  const vmScript = new vm.Script(wrapped, {
    filename: script.file,
    lineOffset: -1,
    cachedData: script.codeCache ? new Uint8Array(script.codeCache) : undefined,
  });
  const compiled = vmScript.runInThisContext() as (
    require: ModuleResolver,
    module: { exports: ScriptExports },
    exports: ScriptExports,
    vu: VuGlobals,
  ) => void;
  const factory = (resolve: ModuleResolver, vu: VuGlobals) => {
    const module = { exports: {} as ScriptExports };
    compiled(resolve, module, module.exports, vu);
    return module.exports;
  };
  return Object.assign(factory, {
    codeCache: () => sharedCopy(vmScript.createCachedData()),
  });
}
