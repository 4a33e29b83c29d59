import {
  closeSync,
  createReadStream,
  createWriteStream,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { constants, createGunzip, createGzip } from 'node:zlib';
import { redactText } from '../lib/k6-and-node/redact.ts';
import { scrubKnownSecrets, type KnownSecret } from './known-secrets.ts';

// The last pass over out/ before a run ends: whatever path a secret took, it leaves here redacted.
// Findings are redacted at the source (lib/record-checks.ts); this pass is the safety net, and a
// file it had to change points at a redaction gap worth fixing.

function* filesUnder(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(full);
    else if (entry.isFile()) yield full;
  }
}

function isGzipFile(file: string): boolean {
  const fd = openSync(file, 'r');
  const magic = Buffer.alloc(2);
  try {
    return readSync(fd, magic, 0, 2, 0) === 2 && magic[0] === 0x1f && magic[1] === 0x8b;
  } finally {
    closeSync(fd);
  }
}
// A truncated stream (an interrupted run's --out json=….gz) still yields the lines it holds.
const gunzip = () => createGunzip({ finishFlush: constants.Z_SYNC_FLUSH });

async function* gzipLines(file: string): AsyncGenerator<string> {
  try {
    yield* createInterface({ input: createReadStream(file).pipe(gunzip()), crlfDelay: Infinity });
  } catch {
    // corrupt past this point: nothing after it is readable, by us or anyone
  }
}

/** Scrubs a gzipped line file in two streaming passes (it may be larger than memory): find, then rewrite. */
async function scrubGzipLines(file: string, scrub: (line: string) => string): Promise<boolean> {
  let dirty = false;
  for await (const line of gzipLines(file)) {
    if (scrub(line) !== line) {
      dirty = true;
      break;
    }
  }
  if (!dirty) return false;
  const temporary = `${file}.scrubbing`;
  await pipeline(
    async function* () {
      for await (const line of gzipLines(file)) yield `${scrub(line)}\n`;
    },
    createGzip(),
    createWriteStream(temporary),
  );
  renameSync(temporary, file);
  return true;
}

const isText = (buf: Buffer) => !buf.subarray(0, 8192).includes(0);

/**
 * Redacts known secret values everywhere under `outDir`, and token and key shapes (JWTs, PEM blocks,
 * `secret_field=value`) in every file the harness wrote itself. The HTML report's own scripts and
 * styles only get the literal pass: they are Allure's code, built from results already scrubbed.
 * `include` picks files by their path relative to `outDir`. Returns the files that had to change.
 */
export async function scrubOutputFolder(
  outDir: string,
  secrets: readonly KnownSecret[],
  include: (relative: string) => boolean = () => true,
): Promise<string[]> {
  const changed: string[] = [];
  for (const file of filesUnder(outDir)) {
    const relative = path.relative(outDir, file);
    if (!include(relative)) continue;
    const patterns =
      !relative.startsWith(`allure-report${path.sep}`) ||
      /^allure-report[\\/](data|history|widgets|export)[\\/]/.test(relative);
    const scrub = (text: string) =>
      patterns ? redactText(scrubKnownSecrets(text, secrets)) : scrubKnownSecrets(text, secrets);
    if (isGzipFile(file)) {
      if (await scrubGzipLines(file, scrub)) changed.push(relative);
      continue;
    }
    const buf = readFileSync(file);
    if (isText(buf)) {
      const text = buf.toString('utf8');
      const clean = scrub(text);
      if (clean !== text) {
        writeFileSync(file, clean);
        changed.push(relative);
      }
    }
  }
  return changed;
}
