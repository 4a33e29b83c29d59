// A script's error as k6 shows it: the message, then the script's own frames at their source positions.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import { NODE_BUNDLE_DIRS } from '../build/node-bundles.mjs';

/**
 * The source map of a compiled script: from the code the engine runs back to the script's sources
 * (through the bundle's own map, for a bundle that links one). Its JSON is kept in shared memory, so
 * that the VU host threads read the one copy; it is parsed only when a script error is described.
 */
export interface ScriptSourceMap {
  json: SharedArrayBuffer;
  /** Where the map would lie: its sources are relative to it. */
  url: string;
}

const maps = new Map<string, { map: ScriptSourceMap; traced?: TraceMap }>();

/** Makes a compiled script's source map known to this thread: frames in `file` are mapped through it. */
export function registerSourceMap(file: string, map: ScriptSourceMap | undefined): void {
  if (map) maps.set(file, { map });
}

/**
 * The error with the script's own stack frames (the engine's frames say nothing to a script author),
 * each at its place in the script's sources, as k6 shows it: `Error: boom`, then `\tat fn
 * (file:///…/scenarios/load.ts:10:5)` per frame.
 */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const frames = (error.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line) && !ENGINE_FRAME.test(line))
    .slice(0, 5)
    .map(sourceFrame);
  return [`${error.name}: ${error.message}`, ...frames].join('\n');
}

// The engine's frames, whether it runs from its sources, its own bundle or a VU host's, and built-ins'
// (`Array.map (<anonymous>)`): a script's error shows the script's frames only.
const ENGINE_DIR = path.dirname(fileURLToPath(import.meta.url));
const ENGINE_FRAME = new RegExp(
  [ENGINE_DIR, ...NODE_BUNDLE_DIRS].map(escape).join('|') + '|node:|Promise\\.all|\\(<anonymous>\\)',
);

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// V8's frame: `    at fn (/path/script.js:12:5)`, or `    at /path/script.js:12:5` for code outside a function.
const V8_FRAME = /^\s+at (?:(.+?) \()?(.+):(\d+):(\d+)\)?$/;

/** A V8 frame of the compiled script as k6 writes a frame, at its position in the script's sources. */
function sourceFrame(frame: string): string {
  const parsed = V8_FRAME.exec(frame);
  if (!parsed) return `\t${frame.trim()}`;
  const [, fn, file, line, column] = parsed;
  const where = sourcePosition(file, Number(line), Number(column));
  return `\tat ${fn ? `${fn} (${where})` : where}`;
}

/** `file:///…:line:column` of a place (1-based, as V8 gives it) in the compiled script `file`. */
function sourcePosition(file: string, line: number, column: number): string {
  const known = maps.get(file);
  if (known) {
    known.traced ??= new TraceMap(Buffer.from(known.map.json).toString('utf8'), known.map.url);
    // trace-mapping's lines are 1-based, its columns 0-based.
    const original = originalPositionFor(known.traced, { line, column: column - 1 });
    if (original.source !== null) return `${original.source}:${original.line}:${original.column + 1}`;
  }
  const url = file.startsWith('/') ? pathToFileURL(file).href : file;
  return `${url}:${line}:${column}`;
}
