import { ENGINE_BUNDLE_DIR, ENGINE_DIR, WORKER_BUNDLE_DIR } from './engine-dir.ts';

/** The error with the script's own stack frames (the engine's frames say nothing to a script author). */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line) && !ENGINE_FRAME.test(line));
  return [`${error.name}: ${error.message}`, ...frames.slice(0, 5)].join('\n');
}

// The engine's frames, whether it runs from its sources, its own bundle or a VU host's, and built-ins'
// (`Array.map (<anonymous>)`): a script's error shows the script's frames only.
const ENGINE_FRAME = new RegExp(
  `${escape(ENGINE_DIR)}|${escape(ENGINE_BUNDLE_DIR)}|${WORKER_BUNDLE_DIR}|node:|Promise\\.all|\\(<anonymous>\\)`,
);

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
