// An esbuild build that is redone only when one of its inputs changed. Its manifest
// (build-manifest.mjs) stamps every input and is keyed by esbuild's version and the options: a caller
// whose manifest still matches gets the existing output after a few hundred stat() calls instead of
// a build. Each build writes a folder of its own, so processes that start side by side, or while
// another rebuilds, each read one whole build.
import { accessSync, constants, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { esbuildVersion, readManifest, stampsOf, unchanged, writeManifest } from './build-manifest.mjs';

// A process may load a lazily imported chunk of its build long after it started (the reports at the
// end of a soak): superseded builds are removed only once they are this old, or when more of them
// than this pile up (a day of edits).
const SUPERSEDED_BUILD_LIFETIME_MS = 24 * 60 * 60 * 1000;
const SUPERSEDED_BUILDS_KEPT = 10;

/**
 * Keeps `import.meta.url` what it is in the source: each module finds its neighbours (package.json,
 * the tenant's fixture files, the engine's folder) as it does when run from source, wherever the
 * bundle lives.
 */
const sourceModuleUrls = {
  name: 'source-module-urls',
  setup(b) {
    // A regular expression, not the words themselves: this file is bundled too, and its own text
    // would be rewritten.
    const META_URL = /\bimport\.meta\.url\b/g;
    b.onLoad({ filter: /\.(ts|mjs|js)$/ }, (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const text = readFileSync(args.path, 'utf8');
      const contents = text.replace(META_URL, JSON.stringify(pathToFileURL(args.path).href));
      return contents === text ? undefined : { contents, loader: args.path.endsWith('.ts') ? 'ts' : 'js' };
    });
  },
};

/** The last build's entry output, if its manifest still matches the sources and options. */
function currentOutput({ name, cacheDir, root, options }, esbuildVersion) {
  const manifest = readManifest(path.join(cacheDir, `${name}.json`), buildKey(root, options, esbuildVersion));
  if (!manifest || !unchanged(manifest.inputs)) return undefined;
  const output = path.join(cacheDir, manifest.output);
  // A cache folder cleared by hand may keep a manifest whose build is gone.
  return statSync(output, { throwIfNoEntry: false }) ? output : undefined;
}

const buildKey = (root, options, esbuildVersion) => JSON.stringify({ root, esbuildVersion, options });

/**
 * The output of `entryPoint` built with `options` (esbuild's, without entryPoints/outdir), from the
 * cache when nothing it was built from has changed. Throws when the cache folder cannot be written
 * (an error with its code, EACCES or EROFS) or the build fails (esbuild's errors, logged per `options.logLevel`).
 *
 * @param {{ name: string, cacheDir: string, root: string, entryPoint: string, options: import('esbuild').BuildOptions }} build
 * @returns {Promise<string>}
 */
export async function freshBuild(build) {
  const { name, cacheDir, root, entryPoint, options } = build;
  const version = esbuildVersion();
  const current = currentOutput(build, version);
  if (current) return current;

  const { build: esbuild } = await import('esbuild');
  mkdirSync(cacheDir, { recursive: true });
  accessSync(cacheDir, constants.W_OK);
  const folder = `${name}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
  const outdir = path.join(cacheDir, folder);
  const result = await esbuild({
    ...options,
    entryPoints: { [name]: entryPoint },
    outdir,
    absWorkingDir: root,
    bundle: true,
    metafile: true,
    plugins: [...(options.plugins ?? []), sourceModuleUrls],
  });
  const entryInput = path.relative(root, entryPoint);
  const entryOutput = Object.entries(result.metafile.outputs).find(([, o]) => o.entryPoint === entryInput)?.[0];
  const output = path.relative(cacheDir, path.resolve(root, entryOutput));
  writeManifest(path.join(cacheDir, `${name}.json`), {
    key: buildKey(root, options, version),
    output,
    inputs: stampsOf(Object.keys(result.metafile.inputs).map((input) => path.resolve(root, input))),
  });
  removeSupersededBuilds(cacheDir, name, folder);
  return path.join(cacheDir, output);
}

function removeSupersededBuilds(cacheDir, name, keep) {
  const superseded = readdirSync(cacheDir)
    .filter((entry) => entry !== keep && entry.startsWith(`${name}-`))
    .map((entry) => {
      const dir = path.join(cacheDir, entry);
      return { dir, builtAt: statSync(dir, { throwIfNoEntry: false })?.mtimeMs ?? Date.now() };
    })
    .sort((a, b) => b.builtAt - a.builtAt);
  superseded.forEach(({ dir, builtAt }, newerOnes) => {
    if (newerOnes >= SUPERSEDED_BUILDS_KEPT || Date.now() - builtAt > SUPERSEDED_BUILD_LIFETIME_MS)
      rmSync(dir, { recursive: true, force: true });
  });
}
