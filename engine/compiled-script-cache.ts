import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readManifest, stampsOf, unchanged, writeManifest } from '../build/build-manifest.mjs';
import { CHECKOUT_CACHE_DIR } from '../build/checkout-cache.mjs';

export interface Compilation {
  code: string;
  map: Uint8Array;
}

const ENTRY_LENGTH = 16;
const entryOf = (key: string) => createHash('sha256').update(key).digest('hex').slice(0, ENTRY_LENGTH);

/**
 * Scripts' compiled code and source maps, kept between runs: a suite bundle of a few MB costs esbuild
 * most of a second of CPU to compile, the same every run while the script is unchanged. It holds the
 * scripts used last (the engine runs any script, and tests make a new one per run).
 */
export class CompiledScriptCache {
  constructor(
    readonly dir: string,
    readonly scriptsKept: number,
  ) {}

  /** The compilation kept under `key`, if every file it was compiled from is unchanged. */
  get(key: string): Compilation | undefined {
    const manifestFile = path.join(this.dir, `${entryOf(key)}.json`);
    const manifest = readManifest(manifestFile, key);
    if (!manifest || !unchanged(manifest.inputs)) return undefined;
    try {
      const code = readFileSync(path.join(this.dir, manifest.code), 'utf8');
      const map = readFileSync(path.join(this.dir, manifest.map));
      // The last used stay longest.
      const now = new Date();
      utimesSync(manifestFile, now, now);
      return { code, map };
    } catch {
      // Pruned by another run between the manifest and the files: compile again.
      return undefined;
    }
  }

  /**
   * Keeps a compilation under `key`, stamped with the files it was compiled from. Best effort: where
   * the cache cannot be written (a read-only install), the next run compiles again.
   */
  keep(key: string, inputs: string[], compilation: Compilation): void {
    const entry = entryOf(key);
    const files = `${entry}-${randomBytes(4).toString('hex')}`;
    try {
      mkdirSync(this.dir, { recursive: true });
      writeFileSync(path.join(this.dir, `${files}.cjs`), compilation.code);
      writeFileSync(path.join(this.dir, `${files}.cjs.map`), compilation.map);
      writeManifest(path.join(this.dir, `${entry}.json`), {
        key,
        inputs: stampsOf(inputs),
        code: `${files}.cjs`,
        map: `${files}.cjs.map`,
      });
      this.prune(entry, files);
    } catch {
      // Not kept.
    }
  }

  /** Removes this entry's superseded files, and every entry but the `scriptsKept` used last. */
  private prune(entry: string, current: string): void {
    const names = readdirSync(this.dir);
    const usedAt = (name: string) => statSync(path.join(this.dir, name), { throwIfNoEntry: false })?.mtimeMs ?? 0;
    const dropped = new Set(
      names
        .filter((name) => name.endsWith('.json'))
        .sort((a, b) => usedAt(b) - usedAt(a))
        .slice(this.scriptsKept)
        .map((name) => name.slice(0, ENTRY_LENGTH)),
    );
    for (const name of names) {
      const owner = name.slice(0, ENTRY_LENGTH);
      const superseded = owner === entry && !name.startsWith(current) && name !== `${entry}.json`;
      if (superseded || dropped.has(owner)) rmSync(path.join(this.dir, name), { force: true });
    }
  }
}

/** The engine's cache, in the checkout's (build/checkout-cache.mjs). */
export const compiledScripts = new CompiledScriptCache(path.join(CHECKOUT_CACHE_DIR, 'compiled-scripts'), 32);
