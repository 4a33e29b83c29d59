// Bundles every scenarios/*.ts into dist/<name>.js, an ES module that real k6 (>= 1.0) runs as is:
// k6 and k6/* stay external, npm dependencies (jose, zod) are bundled, the syntax is lowered to what
// k6's JavaScript runtime accepts, and a Node built-in reaching a bundle is a build error. Each bundle
// links its source map, dist/<name>.js.map, so that k6 (and the local engine) show a script error at
// its line in the TypeScript.
import { build } from 'esbuild';
import { builtinModules } from 'node:module';
import { mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { buildNodeBundles } from './build/node-bundles.mjs';

const root = path.dirname(fileURLToPath(import.meta.url));

// k6's runtime (Sobek) lacks some recent syntax, async generators among them: es2017 is safe.
export const K6_SYNTAX_TARGET = 'es2017';

const nodeBuiltins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/** Refuses any Node built-in, naming the file that imported it. */
const refuseNodeBuiltins = {
  name: 'refuse-node-builtins',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => {
      if (!nodeBuiltins.has(args.path) && !args.path.startsWith('node:')) return undefined;
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

/**
 * @param {{ entryPoints?: string[], outdir?: string, logLevel?: import('esbuild').LogLevel }} [opts]
 */
export async function buildBundles(opts = {}) {
  const result = await build({
    entryPoints: opts.entryPoints ?? scenarioEntryPoints(),
    outdir: opts.outdir ?? path.join(root, 'dist'),
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
  return result;
}

// `npm run build`: the k6 bundles, and the harness's own Node bundles brought up to date so that the
// first runs after it start warm.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    await buildBundles();
  } catch {
    // esbuild has already printed the errors, each naming its file.
    process.exit(1);
  }
  try {
    await buildNodeBundles();
  } catch (error) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
