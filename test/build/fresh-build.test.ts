import assert from 'node:assert/strict';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { checkoutCacheDir, realPath } from '../../build/checkout-cache.mjs';
import { NODE_BUNDLE_DIRS } from '../../build/node-bundles.mjs';
import { freshBuild } from '../../build/fresh-build.mjs';

describe('a fresh build (the Node bundles the CLI and the engine run from)', () => {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'harness-fresh-build-'));
  after(() => rmSync(scratch, { recursive: true, force: true }));

  const project = (name: string) => {
    const root = path.join(scratch, name);
    mkdirSync(path.join(root, 'src'), { recursive: true });
    writeFileSync(
      path.join(root, 'src', 'main.ts'),
      "import { word } from './word.ts';\nexport const said: string = word;\n",
    );
    writeFileSync(path.join(root, 'src', 'word.ts'), "export const word = 'first';\n");
    const build = () =>
      freshBuild({
        name: 'main',
        cacheDir: path.join(root, 'cache'),
        root,
        entryPoint: path.join(root, 'src', 'main.ts'),
        options: { platform: 'node', format: 'esm', logLevel: 'silent' },
      });
    return { root, build };
  };
  const load = async (file: string) =>
    (await import(`${pathToFileURL(file).href}?${Date.now()}`)) as Record<string, unknown>;

  it('builds once, and hands the same output to every later caller while no source changed', async () => {
    const { root, build } = project('unchanged');
    const first = await build();
    assert.equal((await load(first)).said, 'first');
    const manifest = path.join(root, 'cache', 'main.json');
    const manifestWritten = statSync(manifest).mtimeMs;
    assert.equal(await build(), first);
    assert.equal(statSync(manifest).mtimeMs, manifestWritten, 'the manifest was rewritten: it built again');
    assert.deepEqual(readdirSync(path.join(root, 'cache')).filter((f) => f.startsWith('main-')).length, 1);
  });

  it('builds again when a module it imports changes, even at the same size', async () => {
    const { root, build } = project('changed');
    const first = await build();
    const word = path.join(root, 'src', 'word.ts');
    writeFileSync(word, "export const word = 'again';\n");
    const second = await build();
    assert.notEqual(second, first);
    assert.equal((await load(second)).said, 'again');
    // Same length, other text, and a modification time set back: the size and time are compared exactly.
    writeFileSync(word, "export const word = 'third';\n");
    utimesSync(word, new Date(2020, 0, 1), new Date(2020, 0, 1));
    assert.equal((await load(await build())).said, 'third');
    // The build it replaced stays: a process started from it may still load its lazy chunks.
    assert.ok(statSync(first).isFile());
  });

  it('keeps the ten newest builds it superseded, for processes still running from them, and no more', async () => {
    const { root, build } = project('superseded');
    const word = path.join(root, 'src', 'word.ts');
    const builds: string[] = [];
    for (let i = 0; i < 13; i++) {
      writeFileSync(word, `export const word = 'build ${String(i).padStart(2, '0')}';\n`);
      builds.push(await build());
    }
    const left = readdirSync(path.join(root, 'cache')).filter((f) => f.startsWith('main-'));
    assert.equal(left.length, 11, left.join(', '));
    assert.equal(statSync(builds[0], { throwIfNoEntry: false }), undefined);
    assert.ok(statSync(builds[2]).isFile());
  });

  it('builds again when its output was removed, though its manifest is still there', async () => {
    const { root, build } = project('output-removed');
    const first = await build();
    rmSync(path.dirname(first), { recursive: true });
    assert.ok(statSync(path.join(root, 'cache', 'main.json')).isFile());
    assert.equal((await load(await build())).said, 'first');
  });

  it("keeps each module's import.meta.url its source's, so it finds its neighbours from the bundle", async () => {
    const { root, build } = project('module-url');
    writeFileSync(path.join(root, 'src', 'word.ts'), 'export const word = import.meta.url;\n');
    const output = await build();
    assert.equal((await load(output)).said, pathToFileURL(path.join(root, 'src', 'word.ts')).href);
    assert.doesNotMatch(readFileSync(output, 'utf8'), /import\.meta\.url/);
  });

  it('fails with the build error when a source does not compile, and keeps no manifest of it', async () => {
    const { root, build } = project('broken');
    writeFileSync(path.join(root, 'src', 'word.ts'), 'export const word = ;\n');
    await assert.rejects(build(), /word\.ts.*Unexpected ";"|Unexpected ";"/s);
    assert.equal(statSync(path.join(root, 'cache', 'main.json'), { throwIfNoEntry: false }), undefined);
  });
});

describe("the checkout's cache folder", () => {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'harness-checkout-cache-'));
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('is marked with its checkout on first use, and then removes the folders of checkouts that are gone', () => {
    const parent = path.join(scratch, 'cache');
    const folder = (name: string, checkout?: string) => {
      mkdirSync(path.join(parent, name), { recursive: true });
      if (checkout) writeFileSync(path.join(parent, name, 'checkout'), checkout);
    };
    folder('still-there', scratch);
    folder('gone', path.join(scratch, 'deleted-clone'));
    folder('unmarked');
    const mine = checkoutCacheDir(path.join(parent, 'mine'), scratch);
    assert.equal(readFileSync(path.join(mine, 'checkout'), 'utf8'), scratch);
    assert.deepEqual(readdirSync(parent).sort(), ['mine', 'still-there', 'unmarked']);
  });

  it('is known by its real path too, as stack frames name it where node_modules is a link', () => {
    const real = path.join(scratch, 'real-node-modules');
    mkdirSync(real);
    const checkout = path.join(scratch, 'linked-checkout');
    mkdirSync(checkout);
    symlinkSync(real, path.join(checkout, 'node_modules'));
    const cacheDir = path.join(checkout, 'node_modules', '.cache', 'auth0-harness', 'tag');
    // Before the folder exists and after.
    assert.equal(realPath(cacheDir), path.join(realpathSync(real), '.cache', 'auth0-harness', 'tag'));
    mkdirSync(cacheDir, { recursive: true });
    assert.equal(realPath(cacheDir), path.join(realpathSync(real), '.cache', 'auth0-harness', 'tag'));
    assert.equal(realPath(path.join(scratch, 'no', 'such')), path.join(realpathSync(scratch), 'no', 'such'));
    for (const dir of NODE_BUNDLE_DIRS) assert.ok(NODE_BUNDLE_DIRS.includes(realPath(dir)), dir);
  });
});

describe('a bundle run with its code cache (the CLI)', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'harness-code-cache-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const bundle = path.join(dir, 'bundle.cjs');
  const loader = pathToFileURL(path.join(process.cwd(), 'build', 'code-cached-bundle.mjs')).href;
  // Each load in a process of its own, as each CLI start is: within one process V8 reuses what it
  // compiled and never reads the cache.
  const load = (cacheName = 'run') =>
    JSON.parse(
      execFileSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `import { loadCodeCachedBundle } from ${JSON.stringify(loader)};
           const b = loadCodeCachedBundle(${JSON.stringify(bundle)}, ${JSON.stringify(cacheName)});
           let line; try { b.exports.fail(); } catch (e) { line = /bundle[.]cjs:([0-9]+)/.exec(e.stack)[1]; }
           b.keepCodeCache();
           console.log(JSON.stringify({ cache: b.cache, said: b.exports.said, line: Number(line) }));`,
        ],
        { encoding: 'utf8' },
      ),
    );
  const writeBundle = (word: string) =>
    writeFileSync(
      bundle,
      `const { word } = require('./dep.cjs');\nexports.said = word + ' ${word}';\nexports.fail = () => {\n  throw new Error('here');\n};\n`,
    );
  writeFileSync(path.join(dir, 'dep.cjs'), "exports.word = 'from dep';\n");

  it('compiles the first time and keeps the cache, which the next start uses', () => {
    writeBundle('one');
    assert.deepEqual(load(), { cache: 'none', said: 'from dep one', line: 4 });
    const cache = `${bundle}.run.v8-cache`;
    const kept = statSync(cache).mtimeMs;
    assert.deepEqual(load(), { cache: 'used', said: 'from dep one', line: 4 });
    assert.equal(statSync(cache).mtimeMs, kept, 'a used cache is not written again');
  });

  it('keeps a cache per name, and one made from other code (the bundle changed, at the same length) is made again', () => {
    assert.equal(load('report').cache, 'none');
    assert.equal(load('report').cache, 'used');
    writeBundle('two');
    assert.deepEqual(load(), { cache: 'refused', said: 'from dep two', line: 4 });
    assert.equal(load().cache, 'used');
  });
});
