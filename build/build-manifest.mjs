// What a build was made from and what it wrote, each file stamped with its size and modification
// time: a later caller tells with a stat() per file whether the build is still current. A manifest is
// replaced in one rename, so that processes starting side by side each read a whole one.
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';

/** @typedef {Record<string, [number, number]>} FileStamps absolute path → [size, mtimeMs] */

/** @param {string[]} files absolute paths @returns {FileStamps} */
export function stampsOf(files) {
  /** @type {FileStamps} */
  const stamps = {};
  for (const file of files) {
    const stat = statSync(file);
    stamps[file] = [stat.size, stat.mtimeMs];
  }
  return stamps;
}

/** Whether every file still has its stamp (a removed file has none). @param {FileStamps} stamps */
export function unchanged(stamps) {
  return Object.entries(stamps).every(([file, [size, mtimeMs]]) => {
    const stat = statSync(file, { throwIfNoEntry: false });
    return stat !== undefined && stat.size === size && stat.mtimeMs === mtimeMs;
  });
}

/**
 * The manifest in `file` if it was written under `key` (what the build depends on besides its files:
 * the tool's version, the options), else undefined.
 *
 * @param {string} file
 * @param {string} key
 */
export function readManifest(file, key) {
  try {
    const manifest = JSON.parse(readFileSync(file, 'utf8'));
    return manifest.key === key ? manifest : undefined;
  } catch {
    return undefined;
  }
}

/** @param {string} file @param {{ key: string } & Record<string, unknown>} manifest */
export function writeManifest(file, manifest) {
  const partial = `${file}.${randomBytes(4).toString('hex')}.partial`;
  writeFileSync(partial, JSON.stringify(manifest));
  renameSync(partial, file);
}

/** esbuild's version, part of every build's key; read from its package.json, as a build still current never loads esbuild. */
export function esbuildVersion() {
  const esbuildPackage = createRequire(import.meta.url).resolve('esbuild/package.json');
  return JSON.parse(readFileSync(esbuildPackage, 'utf8')).version;
}
