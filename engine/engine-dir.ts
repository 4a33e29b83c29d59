import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The engine's source folder. Bundles of the engine define `import.meta.url` as this file's URL. */
export const ENGINE_DIR = path.dirname(fileURLToPath(import.meta.url));
export const ENGINE_DIR_URL = import.meta.url;

/** Where `auth0-harness k6 run` writes the engine's own bundle (beside the packages it imports). */
export const ENGINE_BUNDLE_DIR = path.join(ENGINE_DIR, '..', 'node_modules', '.cache', 'auth0-harness');

/** The folder under the system's temporary folder where a run writes its VU host thread's bundle. */
export const WORKER_BUNDLE_DIR = 'auth0-harness-engine';
