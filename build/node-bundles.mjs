// The harness's Node entry points as plain-JS bundles: the CLI, the engine process and the engine's
// VU host thread. Run from these, a process starts without a TypeScript loader (tsx transforms and
// resolves every module through a loader thread, about a second of CPU per CLI start) and loads only
// the modules its command uses. Each is rebuilt when a source it was built from changes
// (fresh-build.mjs), into the checkout's cache (checkout-cache.mjs), beside the packages they import.
import path from 'node:path';
import {
  CHECKOUT_CACHE_DIR,
  checkoutCacheDir,
  CHECKOUT_ROOT as root,
  realPath,
  USER_CACHE_DIR,
} from './checkout-cache.mjs';
import { freshBuild } from './fresh-build.mjs';

const nodeTarget = { platform: 'node', target: 'node20', logLevel: 'silent' };

// The CLI and the engine process carry their packages: Node then resolves and loads no module of
// theirs one by one (half a second of a conformance run's CPU in the CLI, a third of an engine start),
// and reads their ES builds (mainFields) rather than UMD ones that require their own files at run time.
// Outside stay esbuild (a binary it starts), allure-commandline (it runs the jar beside it) and tsx
// (only the fallback from source loads it).
const packagesInside = { mainFields: ['module', 'main'], external: ['esbuild', 'allure-commandline', 'tsx'] };

const NODE_BUNDLES = {
  // One CommonJS file, which bin/auth0-harness.js runs with V8's code cache (code-cached-bundle.mjs):
  // with the cache, the size of the whole no longer costs a start, and a refused input still never
  // runs the tenant's or the report writers' code (each dynamic import is a function esbuild calls
  // on first use).
  cli: {
    entryPoint: 'cli/main.ts',
    options: {
      ...nodeTarget,
      ...packagesInside,
      format: 'cjs',
      outExtension: { '.js': '.cjs' },
      // import() of a package left outside (esbuild) becomes require(): the loader gives the bundle
      // Node's require, as for any CommonJS module.
      supported: { 'dynamic-import': false },
    },
  },
  // Split at each dynamic import, so that a run loads only what it uses (without Prometheus output it
  // never loads protobufjs). Bundled CommonJS code still requires Node's built-ins: the banner gives
  // every chunk a `require`.
  engine: {
    entryPoint: 'engine/engine-main.ts',
    options: {
      ...nodeTarget,
      ...packagesInside,
      format: 'esm',
      splitting: true,
      banner: {
        js: `import { createRequire as createBundleRequire } from 'node:module'; const require = createBundleRequire(${JSON.stringify(path.join(root, 'package.json'))});`,
      },
    },
  },
  // A worker thread per VU host: one file with its packages inside, quick to start many times, and
  // able to live outside the install (selfContained).
  'vu-host': {
    entryPoint: 'engine/workers/vu-host.ts',
    // esbuild only builds bundles, which a host thread never does.
    options: { ...nodeTarget, format: 'cjs', external: ['esbuild'] },
    selfContained: true,
  },
};

/**
 * Every folder a Node bundle may run from (a stack frame there is the harness's, not a script's), as
 * the checkout names it and as a stack frame does (Node gives a module its real path).
 */
export const NODE_BUNDLE_DIRS = [
  ...new Set([CHECKOUT_CACHE_DIR, USER_CACHE_DIR].flatMap((dir) => [dir, realPath(dir)])),
];

/**
 * The path of the bundle `name`, current with its sources. Throws when it cannot be built or written
 * (a read-only install, for a bundle that needs the install's packages beside it): callers then run
 * from source.
 *
 * @param {keyof typeof NODE_BUNDLES} name
 * @returns {Promise<string>}
 */
export async function nodeBundle(name) {
  const { entryPoint, options, selfContained } = NODE_BUNDLES[name];
  const build = (cacheDir) => freshBuild({ name, cacheDir, root, entryPoint: path.join(root, entryPoint), options });
  try {
    return await build(checkoutCacheDir());
  } catch (error) {
    if (!selfContained || !['EACCES', 'EPERM', 'EROFS'].includes(error?.code)) throw error;
    return build(USER_CACHE_DIR);
  }
}

/** Brings every Node bundle up to date (`npm run build`), so that the first runs start warm. */
export async function buildNodeBundles() {
  for (const name of Object.keys(NODE_BUNDLES)) await nodeBundle(name);
}
