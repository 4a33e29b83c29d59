// Where this checkout's builds are cached: node_modules/.cache/auth0-harness/<checkout>/, a folder per
// checkout, since copies of the repository that link one node_modules (as the docs test's do) would
// otherwise take turns replacing each other's builds. Where the install cannot be written (a
// read-only install), the user's temporary folder holds what must still be built.
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CHECKOUT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const checkoutTag = createHash('sha256').update(CHECKOUT_ROOT).digest('hex').slice(0, 12);

export const CHECKOUT_CACHE_DIR = path.join(CHECKOUT_ROOT, 'node_modules', '.cache', 'auth0-harness', checkoutTag);

export const USER_CACHE_DIR = path.join(os.tmpdir(), `auth0-harness-${os.userInfo().uid}`, checkoutTag);
