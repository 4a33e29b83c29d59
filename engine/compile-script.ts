import type { BuildOptions, OutputFile } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { esbuildVersion } from '../build/build-manifest.mjs';
import { compiledScripts, type CompiledScriptCache } from './compiled-script-cache.ts';
import { sharedCopy, type CompiledScript } from './load-script.ts';
import type { Logger } from './logger.ts';

// esbuild names a namespace import after its module (`k6` → import_k6, `k6/http` → import_http) and
// reads named imports as its members, which is how calls to the blocking functions show in the code.
const BLOCKING_CALL =
  /\bimport_k6\d*\.(?:default\.)?sleep\b|\bimport_http\d*\.(?:default\.)?(?:request|get|post|put|patch|del|head|options|batch)\b/;

const COMPILE_OPTIONS = {
  bundle: true,
  write: false,
  format: 'cjs',
  platform: 'neutral',
  target: 'es2022',
  external: ['k6', 'k6/*'],
  logLevel: 'silent',
  sourcemap: 'external',
  sourcesContent: false,
  metafile: true,
  define: { __VU: '__k6vu.id', __ITER: '__k6vu.iter', __ENV: '__k6vu.env', open: '__k6vu.open' },
} as const satisfies BuildOptions;

// Loaded only when a script is compiled, not taken from the cache.
let esbuild: typeof import('esbuild') | undefined;

/** Lets esbuild's service process go, if a compilation started it. */
export async function stopCompiler(): Promise<void> {
  await esbuild?.stop();
}

/**
 * Bundles the script's relative imports in; `k6` and `k6/*` stay imports, served by the engine per VU.
 * esbuild's asynchronous API runs in its own process; the synchronous one would keep a worker thread
 * (some 14 MB of resident memory) in the engine for the rest of the run. A script compiled before and
 * unchanged since, with all it imports, comes from the cache (compiled-script-cache.ts) instead.
 *
 * It also makes the source map from the code the engine runs back to the script's sources: esbuild
 * follows a source map the script links (`//# sourceMappingURL=`, inline or a file beside it, which is
 * how k6 finds one), so a bundle's errors point at its TypeScript, as in k6.
 */
export async function compileScript(
  file: string,
  log: Logger,
  cache: CompiledScriptCache = compiledScripts,
): Promise<CompiledScript> {
  const absolute = path.resolve(file);
  // Never written: the map's sources are relative to it.
  const outfile = `${absolute}.engine.cjs`;
  const mapFile = linkedSourceMapFile(absolute);
  const mapFound = mapFile !== undefined && existsSync(mapFile);
  if (mapFile && !mapFound)
    log('warn', `Couldn't load source map for ${pathToFileURL(absolute).href}`, {
      error: `open ${mapFile}: no such file or directory`,
    });
  const key = JSON.stringify({ esbuild: esbuildVersion(), options: COMPILE_OPTIONS, script: absolute, mapFound });
  let compilation = cache.get(key);
  if (!compilation) {
    esbuild ??= await import('esbuild');
    const result = await esbuild.build({ ...COMPILE_OPTIONS, entryPoints: [absolute], outfile });
    const output = (name: string) => result.outputFiles.find((f) => f.path === name) as OutputFile;
    compilation = { code: output(outfile).text, map: output(`${outfile}.map`).contents };
    const inputs = Object.keys(result.metafile.inputs).map((input) => path.resolve(input));
    cache.keep(key, mapFound ? [...inputs, mapFile] : inputs, compilation);
  }
  return {
    file: absolute,
    dir: path.dirname(absolute),
    code: compilation.code,
    usesBlockingApis: BLOCKING_CALL.test(compilation.code),
    sourceMap: { json: sharedCopy(compilation.map), url: pathToFileURL(`${outfile}.map`).href },
  };
}

// The last `//# sourceMappingURL=` comment of a script names its map (a data: URL, or a file beside it).
const SOURCE_MAP_COMMENT = /\/\/# sourceMappingURL=(\S+)\s*$/;

/** The file of the source map the script links, if it links one in a file (k6 warns when it is missing). */
function linkedSourceMapFile(file: string): string | undefined {
  const link = SOURCE_MAP_COMMENT.exec(readFileSync(file, 'utf8'))?.[1];
  if (!link || link.startsWith('data:')) return undefined;
  return path.resolve(path.dirname(file), decodeURIComponent(link));
}
