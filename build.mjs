// Bundles every scenarios/*.ts into dist/<name>.js, an ES module that real k6 (>= 1.0) runs as is:
// k6 and k6/* stay external, npm dependencies (jose, zod) are bundled, the syntax is lowered to what
// k6's JavaScript runtime accepts, and a Node built-in reaching a bundle is a build error. Each bundle
// links its source map, dist/<name>.js.map, so that k6 (and the local engine) show a script error at
// its line in the TypeScript.
import { builtinModules } from 'node:module';
import { mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { esbuildVersion, readManifest, stampsOf, unchanged, writeManifest } from './build/build-manifest.mjs';
import { buildNodeBundles } from './build/node-bundles.mjs';

const root = path.dirname(fileURLToPath(import.meta.url));

// k6's runtime (Sobek) lacks some recent syntax, async generators among them: es2017 is safe.
export const K6_SYNTAX_TARGET = 'es2017';

// Only these specifiers reach the plugin: esbuild resolves every other import itself, without a
// round trip to Node per import.
const NODE_BUILTIN = new RegExp(
  `^(node:.*|${builtinModules.map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})$`,
);

/** Refuses any Node built-in, naming the file that imported it. */
const refuseNodeBuiltins = {
  name: 'refuse-node-builtins',
  setup(b) {
    b.onResolve({ filter: NODE_BUILTIN }, (args) => {
      const importer = path.relative(root, args.importer) || args.importer;
      return {
        errors: [
          {
            text:
              `${importer} imports the Node built-in "${args.path}", which k6 cannot load. ` +
              'Code under scenarios/, checks/ and lib/ may import only k6/* modules, each other and web-standard globals.',
          },
        ],
      };
    });
  },
};

export function scenarioEntryPoints(dir = path.join(root, 'scenarios')) {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => path.join(dir, f));
}

/** Where the manifest of the bundle built from `entryPoint` into `outdir` is kept: beside the bundle. */
const manifestOf = (entryPoint, outdir) => path.join(outdir, `.${path.basename(entryPoint, '.ts')}.build.json`);

/**
 * Builds the bundles of `entryPoints` into `outdir`, but only those whose last build is no longer
 * current: each bundle's manifest (build/build-manifest.mjs) stamps its sources, this file and the
 * files it wrote, so an edited source, another esbuild or a bundle replaced since builds it again.
 * Every run calls this; an unchanged suite then starts without esbuild's half second to a second of CPU.
 *
 * @param {{ entryPoints?: string[], outdir?: string, logLevel?: import('esbuild').LogLevel }} [opts]
 */
export async function buildBundles(opts = {}) {
  const outdir = opts.outdir ?? path.join(root, 'dist');
  const key = JSON.stringify({ esbuild: esbuildVersion(), outdir });
  const entryPoints = (opts.entryPoints ?? scenarioEntryPoints()).filter((entryPoint) => {
    const last = readManifest(manifestOf(entryPoint, outdir), key);
    return !(last && unchanged(last.inputs) && unchanged(last.outputs));
  });
  if (entryPoints.length === 0) return;

  const { build } = await import('esbuild');
  const result = await build({
    entryPoints,
    outdir,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    conditions: ['worker', 'browser', 'import', 'default'],
    target: K6_SYNTAX_TARGET,
    external: ['k6', 'k6/*'],
    inject: [path.join(root, 'lib/k6-and-node/polyfills/web-globals.ts')],
    plugins: [refuseNodeBuiltins],
    legalComments: 'none',
    // Beside the bundle rather than inline: inline, a bundle would grow by half again (k6-operator keeps
    // a script in a ConfigMap of at most 1 MiB). k6 reads a map the `//# sourceMappingURL=` comment
    // names relative to the script, and runs on with a warning where the map was not shipped. The
    // sources' text stays out: mapping a stack frame needs positions only.
    sourcemap: 'linked',
    sourcesContent: false,
    logLevel: opts.logLevel ?? 'warning',
    metafile: true,
    write: false,
  });
  // Each file is written whole under a temporary name, then renamed over the old one: a run that
  // starts k6 on dist/ while another run (or test) rebuilds it reads one bundle or the other, never a
  // half-written file.
  for (const file of result.outputFiles) {
    mkdirSync(path.dirname(file.path), { recursive: true });
    const partial = `${file.path}.${process.pid}.${randomBytes(4).toString('hex')}.partial`;
    writeFileSync(partial, file.contents);
    renameSync(partial, file.path);
  }
  // The inputs of all the bundles built together stand for each: more than it needs, never fewer.
  const inputs = stampsOf([
    fileURLToPath(import.meta.url),
    ...Object.keys(result.metafile.inputs).map((f) => path.resolve(f)),
  ]);
  for (const [output, { entryPoint }] of Object.entries(result.metafile.outputs)) {
    if (!entryPoint) continue;
    const bundle = path.resolve(output);
    writeManifest(manifestOf(entryPoint, outdir), { key, inputs, outputs: stampsOf([bundle, `${bundle}.map`]) });
  }
}

// `npm run build`: the k6 bundles, and the harness's own Node bundles brought up to date so that the
// first runs after it start warm. Promises rather than top-level await: the CLI's bundle, CommonJS,
// carries this module.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildBundles().then(
    () =>
      buildNodeBundles().catch((error) => {
        process.stderr.write(`${error.message}\n`);
        process.exit(1);
      }),
    // esbuild has already printed the errors, each naming its file.
    () => process.exit(1),
  );
}
