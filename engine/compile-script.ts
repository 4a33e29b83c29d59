import { build, type OutputFile } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CompiledScript } from './load-script.ts';
import type { Logger } from './logger.ts';

// esbuild names a namespace import after its module (`k6` → import_k6, `k6/http` → import_http) and
// reads named imports as its members, which is how calls to the blocking functions show in the code.
const BLOCKING_CALL =
  /\bimport_k6\d*\.(?:default\.)?sleep\b|\bimport_http\d*\.(?:default\.)?(?:request|get|post|put|patch|del|head|options|batch)\b/;

/**
 * Bundles the script's relative imports in; `k6` and `k6/*` stay imports, served by the engine per VU.
 * esbuild's asynchronous API runs in its own process; the synchronous one would keep a worker thread
 * (some 14 MB of resident memory) in the engine for the rest of the run.
 *
 * It also makes the source map from the code the engine runs back to the script's sources: esbuild
 * follows a source map the script links (`//# sourceMappingURL=`, inline or a file beside it, which is
 * how k6 finds one), so a bundle's errors point at its TypeScript, as in k6.
 */
export async function compileScript(file: string, log: Logger): Promise<CompiledScript> {
  const absolute = path.resolve(file);
  // Never written: the map's sources are relative to it.
  const outfile = `${absolute}.engine.cjs`;
  const result = await build({
    entryPoints: [absolute],
    outfile,
    bundle: true,
    write: false,
    format: 'cjs',
    platform: 'neutral',
    target: 'es2022',
    external: ['k6', 'k6/*'],
    logLevel: 'silent',
    sourcemap: 'external',
    sourcesContent: false,
    define: { __VU: '__k6vu.id', __ITER: '__k6vu.iter', __ENV: '__k6vu.env', open: '__k6vu.open' },
  });
  warnOfMissingSourceMap(absolute, log);
  const output = (name: string) => result.outputFiles.find((f) => f.path === name) as OutputFile;
  const code = output(outfile).text;
  const map = output(`${outfile}.map`).contents;
  const json = new SharedArrayBuffer(map.byteLength);
  new Uint8Array(json).set(map);
  return {
    file: absolute,
    dir: path.dirname(absolute),
    code,
    usesBlockingApis: BLOCKING_CALL.test(code),
    sourceMap: { json, url: pathToFileURL(`${outfile}.map`).href },
  };
}

// The last `//# sourceMappingURL=` comment of a script names its map (a data: URL, or a file beside it).
const SOURCE_MAP_COMMENT = /\/\/# sourceMappingURL=(\S+)\s*$/;

/** As k6 warns of a linked source map it cannot load (and runs the script all the same). */
function warnOfMissingSourceMap(file: string, log: Logger): void {
  const link = SOURCE_MAP_COMMENT.exec(readFileSync(file, 'utf8'))?.[1];
  if (!link || link.startsWith('data:')) return;
  const mapFile = path.resolve(path.dirname(file), decodeURIComponent(link));
  if (!existsSync(mapFile))
    log('warn', `Couldn't load source map for ${pathToFileURL(file).href}`, {
      error: `open ${mapFile}: no such file or directory`,
    });
}
