// k6's progress bars, drawn as its ui/pb package and `k6 run` draw them: a left label (padded to the
// longest, at most 30 characters), a status sign, the bar, and right-hand columns aligned across bars.

/** k6's status signs: running, waiting for its startTime, stopping (gracefulStop), interrupted, done. */
export type BarStatus = ' ' | '•' | '↓' | '✗' | '✓';

export type ProgressBar =
  | { left: string; status: BarStatus; progress: number; right: string[] }
  /** A line that stands in for a bar (k6's "hijack": the run's `running (…)` line). */
  | { line: string };

export interface Screen {
  /** On a terminal the bars fill its width and are redrawn in place; elsewhere they are printed. */
  tty: boolean;
  /** The terminal's width in characters. */
  columns: number;
  color: boolean;
}

const DEFAULT_WIDTH = 40;
// Narrower than this, a bar is drawn as a percentage.
const MIN_WIDTH = 8;
// Characters kept free at the right edge of the terminal.
const TERM_PADDING = 1;

const FAINT = (text: string) => `\x1b[2m${text}\x1b[22m`;
const STATUS_COLORS: Partial<Record<BarStatus, (text: string) => string>> = {
  '✗': (text) => `\x1b[31m${text}\x1b[39m`,
  '✓': (text) => `\x1b[32m${text}\x1b[39m`,
  '•': FAINT,
};

/**
 * The bars as one block of lines, after an empty one, their labels padded (or cut) to `leftWidth`. On
 * a terminal the bars are as wide as fits (from 8 to 40 characters), each line erases what was there,
 * and with `goBack` the cursor returns to the block's start for the next drawing; elsewhere progress is
 * shown as a percentage.
 */
export function renderBars(bars: ProgressBar[], screen: Screen, goBack: boolean, leftWidth: number): string {
  const lineEnd = screen.tty ? '\x1b[K\n' : '\n';
  const columns = columnWidths(bars);
  const draw = (width: number, color: boolean) => bars.map((bar) => drawBar(bar, width, leftWidth, columns, color));
  let width = MIN_WIDTH;
  if (screen.tty) {
    // As k6 fits its bars: drawn at full width first, then narrowed by what overflows the terminal.
    const longest = Math.max(...draw(DEFAULT_WIDTH, false).map((line) => [...line].length));
    width = Math.min(DEFAULT_WIDTH, Math.max(MIN_WIDTH, DEFAULT_WIDTH + screen.columns - longest - TERM_PADDING));
  }
  const plain = draw(width, false);
  const lines = screen.color ? draw(width, true) : plain;
  let text = lineEnd + lines.map((line) => line + lineEnd).join('');
  if (screen.tty && goBack) {
    // Lines longer than the terminal wrap, and take more lines to go back over.
    const wraps = plain.reduce((n, line) => n + Math.floor(([...line].length - TERM_PADDING) / screen.columns), 0);
    text += `\r\x1b[J\x1b[${bars.length + wraps + 1}A`;
  }
  return text;
}

/** The widths of the right-hand columns but the last, the longest of each across the bars. */
function columnWidths(bars: ProgressBar[]): number[] {
  const widths = [0, 0];
  for (const bar of bars) {
    if (!('right' in bar)) continue;
    bar.right.slice(0, -1).forEach((text, i) => (widths[i] = Math.max(widths[i] ?? 0, text.length)));
  }
  return widths;
}

function drawBar(bar: ProgressBar, width: number, maxLeft: number, columns: number[], color: boolean): string {
  if ('line' in bar) return bar.line;
  const left = (bar.left.length > maxLeft ? `${bar.left.slice(0, maxLeft - 3)}...` : bar.left).padEnd(maxLeft);
  const status = color ? (STATUS_COLORS[bar.status]?.(bar.status) ?? bar.status) : bar.status;
  const right = bar.right.map((text, i) => ` ${text.padEnd((columns[i] ?? 0) + 1)}`).join('');
  return `${left} ${status} ${progressBody(Math.min(1, Math.max(0, bar.progress)), width, color)}${right}`;
}

/** `[====>-----]`, or `[  42% ]` where the bar would be too narrow. */
function progressBody(progress: number, width: number, color: boolean): string {
  if (width <= MIN_WIDTH) return `[ ${(progress * 100).toFixed(0).padStart(3)}% ]`;
  const space = width - 2;
  const filled = Math.floor(space * progress);
  const fill = filled === 0 ? '' : filled < space ? `${'='.repeat(filled - 1)}>` : '='.repeat(filled);
  const padding = '-'.repeat(space - filled);
  return `[${fill}${color && padding ? FAINT(padding) : padding}]`;
}
