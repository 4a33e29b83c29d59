import { build } from 'esbuild';
import path from 'node:path';
import type { CompiledScript } from './load-script.ts';

// esbuild names a namespace import after its module (`k6` → import_k6, `k6/http` → import_http) and
// reads named imports as its members, which is how calls to the blocking functions show in the code.
const BLOCKING_CALL =
  /\bimport_k6\d*\.(?:default\.)?sleep\b|\bimport_http\d*\.(?:default\.)?(?:request|get|post|put|patch|del|head|options|batch)\b/;

/**
 * Bundles the script's relative imports in; `k6` and `k6/*` stay imports, served by the engine per VU.
 * esbuild's asynchronous API runs in its own process; the synchronous one would keep a worker thread
 * (some 14 MB of resident memory) in the engine for the rest of the run.
 */
export async function compileScript(file: string): Promise<CompiledScript> {
  const result = await build({
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
  return {
    file: path.resolve(file),
    dir: path.dirname(path.resolve(file)),
    code,
    usesBlockingApis: BLOCKING_CALL.test(code),
  };
}
