import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { compileScript, stopCompiler } from '../../engine/compile-script.ts';
import { CompiledScriptCache } from '../../engine/compiled-script-cache.ts';

describe("the engine's cache of compiled scripts", () => {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'harness-compiled-'));
  after(async () => {
    await stopCompiler();
    rmSync(scratch, { recursive: true, force: true });
  });
  const silent = () => {};

  it('runs an unchanged script from its kept compilation, and compiles again once a module it imports changed', async () => {
    const dir = path.join(scratch, 'script');
    mkdirSync(dir);
    const cache = new CompiledScriptCache(path.join(dir, 'cache'), 32);
    const script = path.join(dir, 'script.js');
    writeFileSync(script, "import { word } from './word.js';\nexport default function () { console.log(word); }\n");
    writeFileSync(path.join(dir, 'word.js'), "export const word = 'first';\n");
    const cached = () => readdirSync(cache.dir).sort();

    assert.match((await compileScript(script, silent, cache)).code, /first/);
    const kept = cached();
    assert.equal(kept.length, 3, `a manifest, the code and its map: ${kept}`);
    const second = await compileScript(script, silent, cache);
    assert.match(second.code, /first/);
    assert.deepEqual(cached(), kept, 'an unchanged script was compiled and kept again');

    writeFileSync(path.join(dir, 'word.js'), "export const word = 'again';\n");
    assert.match((await compileScript(script, silent, cache)).code, /again/, 'an edited import was not seen');
    assert.equal(cached().length, 3, 'the superseded compilation was left behind');
    assert.notDeepEqual(cached(), kept);
  });

  it('keeps the scripts used last, and none whose files changed', () => {
    const dir = path.join(scratch, 'pruned');
    mkdirSync(dir);
    const input = path.join(dir, 'input.js');
    writeFileSync(input, 'one');
    const cache = new CompiledScriptCache(path.join(dir, 'cache'), 2);
    mkdirSync(cache.dir);
    const compilation = (code: string) => ({ code, map: new TextEncoder().encode('{}') });
    const manifests = () => readdirSync(cache.dir).filter((f) => f.endsWith('.json'));
    // Each manifest an hour older than the next, so that "used last" does not hang on a clock tick.
    let hoursAgo = 3;
    const keep = (key: string) => {
      const before = new Set(manifests());
      cache.keep(key, [input], compilation(key));
      const added = manifests().find((f) => !before.has(f))!;
      const then = new Date(Date.now() - hoursAgo-- * 3_600_000);
      utimesSync(path.join(cache.dir, added), then, then);
    };
    keep('a');
    keep('b');
    assert.equal(cache.get('a')?.code, 'a', 'a use makes it the last used');
    keep('c');
    assert.equal(cache.get('b'), undefined, 'the script used longest ago stays past the limit');
    assert.equal(cache.get('a')?.code, 'a');
    assert.equal(cache.get('c')?.code, 'c');
    assert.equal(readdirSync(cache.dir).length, 6, 'files of a dropped script were left behind');

    writeFileSync(input, 'two');
    assert.equal(cache.get('a'), undefined, 'a compilation whose input changed was handed out');
  });
});
