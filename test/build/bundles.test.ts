import assert from 'node:assert/strict';
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { parse } from 'acorn';
import { build } from 'esbuild';
import { buildBundles } from '../../build.mjs';

describe('build.mjs', () => {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'harness-build-'));
  after(() => rmSync(scratch, { recursive: true, force: true }));
  // Every scenario, built once for the tests that read the real bundles.
  let allBuilt: Promise<string> | undefined;
  const everyScenarioBuilt = () =>
    (allBuilt ??= (async () => {
      const outdir = path.join(scratch, 'dist-all');
      await buildBundles({ outdir, logLevel: 'silent' });
      return outdir;
    })());

  it('replaces a bundle whole: a run already reading the old one reads all of it, never a half-written file', async () => {
    const entry = path.join(scratch, 'replace', 'suite.ts');
    const outdir = path.join(scratch, 'replace', 'dist');
    mkdirSync(path.dirname(entry), { recursive: true });
    writeFileSync(entry, "export default function () { console.log('first'); }\n");
    await buildBundles({ entryPoints: [entry], outdir, logLevel: 'silent' });
    const bundle = path.join(outdir, 'suite.js');
    const first = readFileSync(bundle, 'utf8');
    const reader = openSync(bundle, 'r');
    try {
      writeFileSync(entry, `export default function () { console.log('${'second'.repeat(50)}'); }\n`);
      await buildBundles({ entryPoints: [entry], outdir, logLevel: 'silent' });
      assert.equal(readFileSync(reader, 'utf8'), first, 'the open bundle changed under its reader');
      assert.match(readFileSync(bundle, 'utf8'), /secondsecond/);
      assert.deepEqual(readdirSync(outdir).sort(), ['.suite.build.json', 'suite.js', 'suite.js.map']);
    } finally {
      closeSync(reader);
    }
  });

  it('builds a bundle again only once it is no longer current: a source changed, or the bundle was replaced', async () => {
    const entry = path.join(scratch, 'fresh', 'suite.ts');
    const word = path.join(scratch, 'fresh', 'word.ts');
    const outdir = path.join(scratch, 'fresh', 'dist');
    mkdirSync(path.dirname(entry), { recursive: true });
    writeFileSync(entry, "import { word } from './word.ts';\nexport default function () { console.log(word); }\n");
    writeFileSync(word, "export const word = 'first';\n");
    const build = () => buildBundles({ entryPoints: [entry], outdir, logLevel: 'silent' });
    const bundle = path.join(outdir, 'suite.js');
    await build();
    const written = statSync(bundle).mtimeMs;
    await build();
    assert.equal(statSync(bundle).mtimeMs, written, 'a current bundle was written again');

    writeFileSync(word, "export const word = 'again';\n");
    await build();
    assert.match(readFileSync(bundle, 'utf8'), /again/, 'an imported module changed at the same size, unseen');

    writeFileSync(bundle, 'replaced by hand\n');
    await build();
    assert.match(readFileSync(bundle, 'utf8'), /again/, 'a bundle replaced since its build was kept');
  });

  it('refuses a Node built-in imported from lib/, naming the importing file', async () => {
    mkdirSync(path.join(scratch, 'lib'), { recursive: true });
    mkdirSync(path.join(scratch, 'scenarios'), { recursive: true });
    writeFileSync(
      path.join(scratch, 'lib', 'reads-files.ts'),
      "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n",
    );
    writeFileSync(
      path.join(scratch, 'scenarios', 'bad.ts'),
      "import { read } from '../lib/reads-files.ts';\nexport default function () { read('x'); }\n",
    );
    await assert.rejects(
      buildBundles({
        entryPoints: [path.join(scratch, 'scenarios', 'bad.ts')],
        outdir: path.join(scratch, 'dist'),
        logLevel: 'silent',
      }),
      (error: Error & { errors?: { text: string }[] }) => {
        const text = (error.errors ?? []).map((e) => e.text).join('\n');
        assert.match(text, /reads-files\.ts imports the Node built-in "node:fs"/);
        return true;
      },
    );
  });

  it('refuses bare built-in names too (fs, crypto)', async () => {
    writeFileSync(
      path.join(scratch, 'lib', 'hashes.ts'),
      "import { createHash } from 'crypto';\nexport const h = createHash;\n",
    );
    writeFileSync(
      path.join(scratch, 'scenarios', 'bad2.ts'),
      "import { h } from '../lib/hashes.ts';\nexport default function () { h('md5'); }\n",
    );
    await assert.rejects(
      buildBundles({
        entryPoints: [path.join(scratch, 'scenarios', 'bad2.ts')],
        outdir: path.join(scratch, 'dist'),
        logLevel: 'silent',
      }),
      /Node built-in "crypto"/,
    );
  });

  it('bundles every scenario so that it imports nothing but k6 and k6/* modules', async () => {
    const outdir = await everyScenarioBuilt();
    // Re-read the bundle with esbuild to list what it still imports: only k6 modules may remain.
    const result = await build({
      entryPoints: [path.join(outdir, 'conformance.js')],
      bundle: true,
      write: false,
      metafile: true,
      format: 'esm',
      external: ['*'],
      logLevel: 'silent',
    });
    const imports = Object.values(result.metafile.inputs).flatMap((input) => input.imports.map((i) => i.path));
    assert.ok(imports.length > 0, 'the bundle should import k6 modules');
    for (const specifier of imports) assert.match(specifier, /^k6(\/|$)/, `unexpected import ${specifier}`);
  });

  it('lowers syntax to what k6 runs: every bundle parses as ES2017', async () => {
    const outdir = await everyScenarioBuilt();
    for (const file of readdirSync(outdir).filter((f) => f.endsWith('.js'))) {
      const code = readFileSync(path.join(outdir, file), 'utf8');
      assert.doesNotThrow(
        () => parse(code, { ecmaVersion: 2017, sourceType: 'module' }),
        `${file} uses syntax newer than ES2017`,
      );
    }
  });

  it("links each bundle's source map, written beside it, back to its scenario's TypeScript", async () => {
    const outdir = await everyScenarioBuilt();
    for (const file of readdirSync(outdir).filter((f) => f.endsWith('.js'))) {
      const code = readFileSync(path.join(outdir, file), 'utf8');
      // The comment k6 reads to load a map, relative to the script.
      assert.ok(code.endsWith(`//# sourceMappingURL=${file}.map\n`), `${file} links no map beside it`);
      const map = JSON.parse(readFileSync(path.join(outdir, `${file}.map`), 'utf8'));
      const scenario = `scenarios/${file.replace(/\.js$/, '.ts')}`;
      assert.ok(
        map.sources.some((s: string) => s.endsWith(scenario)),
        `${file}.map does not lead back to ${scenario}`,
      );
    }
  });

  it('the ES2017 parse really rejects newer syntax (the test above can fail)', () => {
    assert.throws(() => parse('const a = b?.c;', { ecmaVersion: 2017, sourceType: 'module' }));
    assert.throws(() => parse('async function* g() {}', { ecmaVersion: 2017, sourceType: 'module' }));
  });
});
