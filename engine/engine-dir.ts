import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The engine's source folder. Bundles of the engine define `import.meta.url` as this file's URL. */
export const ENGINE_DIR = path.dirname(fileURLToPath(import.meta.url));
export const ENGINE_DIR_URL = import.meta.url;
