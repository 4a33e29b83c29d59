// Where this checkout's builds are cached: node_modules/.cache/auth0-harness/<checkout>/, a folder per
// checkout, since copies of the repository that link one node_modules (as the docs test's do) would
// otherwise take turns replacing each other's builds. Where the install cannot be written (a
// read-only install), the user's temporary folder holds what must still be built.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CHECKOUT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const checkoutTag = createHash('sha256').update(CHECKOUT_ROOT).digest('hex').slice(0, 12);

export const CHECKOUT_CACHE_DIR = path.join(CHECKOUT_ROOT, 'node_modules', '.cache', 'auth0-harness', checkoutTag);

export const USER_CACHE_DIR = path.join(os.tmpdir(), `auth0-harness-${os.userInfo().uid}`, checkoutTag);

// Each folder names the checkout it belongs to.
const OWNER_FILE = 'checkout';

/**
 * The checkout's cache folder (CHECKOUT_CACHE_DIR), made and marked with the checkout's path on first
 * use; the folders of checkouts that are gone (a deleted clone, the docs test's copies) are removed
 * then, so that they do not pile up. Throws where the install cannot be written.
 */
export function checkoutCacheDir(dir = CHECKOUT_CACHE_DIR, checkoutRoot = CHECKOUT_ROOT) {
  const owner = path.join(dir, OWNER_FILE);
  if (existsSync(owner)) return dir;
  mkdirSync(dir, { recursive: true });
  writeFileSync(owner, checkoutRoot);
  const parent = path.dirname(dir);
  for (const entry of readdirSync(parent)) {
    let checkout;
    try {
      checkout = readFileSync(path.join(parent, entry, OWNER_FILE), 'utf8');
    } catch {
      continue;
    }
    if (!existsSync(checkout)) rmSync(path.join(parent, entry), { recursive: true, force: true });
  }
  return dir;
}

/**
 * `dir` as Node names the modules under it: with every link on its way resolved, as far as it exists
 * yet (a node_modules that links to another, a temporary folder that is a link as on macOS).
 */
export function realPath(dir) {
  const rest = [];
  for (let existing = dir; ; existing = path.dirname(existing)) {
    try {
      return path.join(realpathSync(existing), ...rest);
    } catch {
      if (path.dirname(existing) === existing) return dir;
      rest.unshift(path.basename(existing));
    }
  }
}
